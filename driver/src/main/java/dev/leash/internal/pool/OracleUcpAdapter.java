package dev.leash.internal.pool;

import java.util.List;

/** Oracle's Universal Connection Pool. */
final class OracleUcpAdapter extends PoolAdapter {

  @Override
  public String displayName() {
    return "Oracle UCP";
  }

  @Override
  public List<String> packages() {
    return List.of("oracle.ucp.");
  }

  @Override
  public Naming naming() {
    return Naming.getters("getDataSourceName");
  }

  @Override
  public Counts counts() {
    return Counts.none("Leash has no test against UCP to hold a reading of its counts to");
  }

  @Override
  public Frames frames() {
    return Frames.none("Leash knows no call on the physical connection that marks its return");
  }

  /** "All connections in the Universal Connection Pool are in use" (UniversalConnectionPoolException). */
  @Override
  public Timeout timeout() {
    return Timeout.messages("all connections in the universal connection pool are in use");
  }
}
