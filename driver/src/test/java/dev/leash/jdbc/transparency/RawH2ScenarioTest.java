package dev.leash.jdbc.transparency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The scenarios on H2's own driver: proves the H2 expectations without Leash. */
class RawH2ScenarioTest extends AbstractJdbcScenarioTest {

  static final String URL = "jdbc:h2:mem:raw_scenarios;DB_CLOSE_DELAY=-1";

  RawH2ScenarioTest() {
    super(Dialect.H2, false);
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection(URL);
  }
}
