package dev.leash.jdbc.transparency;

import static dev.leash.testing.RequiredDatabase.POSTGRESQL;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** The scenarios on PostgreSQL's own driver against the local server: proves the PostgreSQL expectations. */
class PostgresRawScenarioTest extends AbstractJdbcScenarioTest {

  PostgresRawScenarioTest() {
    super(Dialect.POSTGRESQL, false);
  }

  @BeforeEach
  void requireServer() {
    POSTGRESQL.assumeReachable();
  }

  @Override
  protected Connection connect() throws SQLException {
    return POSTGRESQL.connect(POSTGRESQL.rawUrl());
  }
}
