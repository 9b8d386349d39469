package dev.leash.internal.pool;

import java.util.List;

/** Agroal (Quarkus's pool). */
final class AgroalAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("io.agroal.");
  private static final Naming NAMING = Naming.none("its data source has no name of its own");
  private static final Counts COUNTS = Counts.of(
      "getConfiguration.connectionPoolConfiguration.maxSize",
      "getMetrics.activeCount", "getMetrics.availableCount", "getMetrics.awaitingCount");
  private static final Frames FRAMES = Frames.none(
      "Leash knows no call on the physical connection that marks its return");
  private static final Timeout TIMEOUT = Timeout.messages("acquisition timeout");

  @Override
  public String displayName() {
    return "Agroal";
  }

  @Override
  public List<String> packages() {
    return PACKAGES;
  }

  @Override
  public Naming naming() {
    return NAMING;
  }

  /** Its minimum size bounds all connections, not idle ones: no idle bounds. */
  @Override
  public Counts counts() {
    return COUNTS;
  }

  @Override
  public Frames frames() {
    return FRAMES;
  }

  /** "Acquisition timeout while waiting for new connection" (SQLException). */
  @Override
  public Timeout timeout() {
    return TIMEOUT;
  }
}
