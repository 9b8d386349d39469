package dev.leash.jdbc.transparency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The scenarios through {@code jdbc:leash:h2:}, found by {@code DriverManager}. */
class LeashH2ScenarioTest extends AbstractJdbcScenarioTest {

  static final String URL = "jdbc:leash:h2:mem:leash_scenarios;DB_CLOSE_DELAY=-1";

  LeashH2ScenarioTest() {
    super(Dialect.H2, true);
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(URL);
  }
}
