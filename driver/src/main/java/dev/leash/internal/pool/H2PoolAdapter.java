package dev.leash.internal.pool;

import java.util.List;

/**
 * H2's own pool, {@code JdbcConnectionPool}: one class, since the rest of H2's package is the H2 driver
 * (never a pool's frames). It opens connections inside H2 without a JDBC call Leash sees.
 */
final class H2PoolAdapter extends PoolAdapter {

  @Override
  public String displayName() {
    return "H2 pool";
  }

  @Override
  public List<String> packages() {
    return List.of("org.h2.jdbcx.JdbcConnectionPool");
  }

  @Override
  public Naming naming() {
    return Naming.none("it has no name; reports call it by its class");
  }

  @Override
  public Counts counts() {
    return Counts.of("getMaxConnections", "getActiveConnections", null, null);
  }

  @Override
  public Frames frames() {
    return Frames.none("it is used through its data source only; no jdbc:leash: URL reaches it");
  }

  /** "Login timeout" (SQLException with H2's CONNECTION_BROKEN code) when no connection came in time. */
  @Override
  public Timeout timeout() {
    return Timeout.messages("login timeout");
  }
}
