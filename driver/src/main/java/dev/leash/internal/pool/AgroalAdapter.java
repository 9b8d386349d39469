package dev.leash.internal.pool;

import java.util.List;

/** Agroal (Quarkus's pool). */
final class AgroalAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("io.agroal.");
  private static final Naming NAMING = Naming.none("its data source has no name of its own");
  /** Its minimum size bounds all connections, not idle ones: no idle bounds. */
  private static final Counts COUNTS = Counts.of(
      "getConfiguration.connectionPoolConfiguration.maxSize",
      "getMetrics.activeCount", "getMetrics.availableCount", "getMetrics.awaitingCount");
  private static final Frames FRAMES = Frames.none(
      "Leash knows no call on the physical connection that marks its return");
  /** "Acquisition timeout while waiting for new connection" (SQLException). */
  private static final Timeout TIMEOUT = Timeout.messages("acquisition timeout");

  AgroalAdapter() {
    super("Agroal", PACKAGES, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
