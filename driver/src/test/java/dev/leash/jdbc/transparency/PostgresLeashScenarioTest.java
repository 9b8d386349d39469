package dev.leash.jdbc.transparency;

import static dev.leash.testing.RequiredDatabase.POSTGRESQL;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** The scenarios through {@code jdbc:leash:postgresql:} against the local server. */
class PostgresLeashScenarioTest extends AbstractJdbcScenarioTest {

  PostgresLeashScenarioTest() {
    super(Dialect.POSTGRESQL, true);
  }

  @BeforeEach
  void requireServer() {
    POSTGRESQL.assumeReachable();
  }

  @Override
  protected Connection connect() throws SQLException {
    return POSTGRESQL.connect(POSTGRESQL.leashUrl());
  }
}
