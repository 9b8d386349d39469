package dev.leash.internal.pool;

import java.util.List;

/** Oracle's Universal Connection Pool. */
final class OracleUcpAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("oracle.ucp.");
  private static final Naming NAMING = Naming.getters("getDataSourceName");
  private static final Counts COUNTS = Counts.none(
      "Leash has no test against UCP to hold a reading of its counts to");
  private static final Frames FRAMES = Frames.none(
      "Leash knows no call on the physical connection that marks its return");
  /** "All connections in the Universal Connection Pool are in use" (UniversalConnectionPoolException). */
  private static final Timeout TIMEOUT = Timeout.messages(
      "all connections in the universal connection pool are in use");

  OracleUcpAdapter() {
    super("Oracle UCP", PACKAGES, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
