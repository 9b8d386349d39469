package dev.leash.internal.pool;

import java.util.List;

/**
 * H2's own pool, {@code JdbcConnectionPool}: one class, since the rest of H2's package is the H2 driver
 * (never a pool's frames). It opens connections inside H2 without a JDBC call Leash sees.
 */
final class H2PoolAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("org.h2.jdbcx.JdbcConnectionPool");
  private static final Naming NAMING = Naming.none("it has no name; reports call it by its class");
  private static final Counts COUNTS = Counts.of("getMaxConnections", "getActiveConnections", null, null);
  private static final Frames FRAMES = Frames.none(
      "it is used through its data source only; no jdbc:leash: URL reaches it");
  /** "Login timeout" (SQLException with H2's CONNECTION_BROKEN code) when no connection came in time. */
  private static final Timeout TIMEOUT = Timeout.messages("login timeout");

  H2PoolAdapter() {
    super("H2 pool", PACKAGES, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
