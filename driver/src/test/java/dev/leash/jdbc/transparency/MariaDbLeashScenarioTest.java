package dev.leash.jdbc.transparency;

import static dev.leash.testing.RequiredDatabase.MARIADB;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** The scenarios through {@code jdbc:leash:mariadb:} against the local server. */
class MariaDbLeashScenarioTest extends AbstractJdbcScenarioTest {

  MariaDbLeashScenarioTest() {
    super(Dialect.MARIADB, true);
  }

  @BeforeEach
  void requireServer() {
    MARIADB.assumeReachable();
  }

  @Override
  protected Connection connect() throws SQLException {
    return MARIADB.connect(MARIADB.leashUrl());
  }
}
