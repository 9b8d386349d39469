package dev.leash.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth) and the
 * rule for when it is missing: the test is skipped with the reason, unless {@code LEASH_REQUIRE_DATABASES=1}
 * (CI), which makes it a failure. Same rule as the driver's tests; the probe's outcome is kept per JVM.
 */
final class Postgres {

  static final String REQUIRE_ENV = "LEASH_REQUIRE_DATABASES";
  private static volatile String unreachableBecause;

  private Postgres() {}

  /** Call first in a PostgreSQL test. */
  static void assumeReachable() {
    String because = unreachableBecause;
    if (because == null) {
      because = probe();
      unreachableBecause = because;
    }
    if (because.isEmpty()) {
      return;
    }
    String where = "PostgreSQL not reachable at 127.0.0.1:5432 (" + because + ")";
    String required = System.getenv(REQUIRE_ENV);
    if ("1".equals(required) || "true".equalsIgnoreCase(required)) {
      Assertions.fail(where + "; " + REQUIRE_ENV + "=1 requires it");
    }
    Assumptions.abort(where + "; set " + REQUIRE_ENV + "=1 to make this a failure");
  }

  private static String probe() {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("password", "");
    p.setProperty("connectTimeout", "2");
    try (Connection c = DriverManager.getConnection(Database.POSTGRESQL_URL, p)) {
      return c.isValid(2) ? "" : "the connection opened but is not valid";
    } catch (SQLException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
