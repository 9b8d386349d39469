package dev.leash.jdbc.transparency;

import static dev.leash.testing.RequiredDatabase.MARIADB;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** The scenarios on MariaDB's own driver against the local server: proves the MariaDB expectations. */
class MariaDbRawScenarioTest extends AbstractJdbcScenarioTest {

  MariaDbRawScenarioTest() {
    super(Dialect.MARIADB, false);
  }

  @BeforeEach
  void requireServer() {
    MARIADB.assumeReachable();
  }

  @Override
  protected Connection connect() throws SQLException {
    return MARIADB.connect(MARIADB.rawUrl());
  }
}
