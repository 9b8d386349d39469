package dev.leash.internal.pool;

import java.util.List;

/** Agroal (Quarkus's pool). */
final class AgroalAdapter extends PoolAdapter {

  @Override
  public String displayName() {
    return "Agroal";
  }

  @Override
  public List<String> packages() {
    return List.of("io.agroal.");
  }

  @Override
  public Naming naming() {
    return Naming.none("its data source has no name of its own");
  }

  /** Its minimum size bounds all connections, not idle ones: no idle bounds. */
  @Override
  public Counts counts() {
    return Counts.of("getConfiguration.connectionPoolConfiguration.maxSize", "getMetrics.activeCount",
        "getMetrics.availableCount", "getMetrics.awaitingCount");
  }

  @Override
  public Frames frames() {
    return Frames.none("Leash knows no call on the physical connection that marks its return");
  }

  /** "Acquisition timeout while waiting for new connection" (SQLException). */
  @Override
  public Timeout timeout() {
    return Timeout.messages("acquisition timeout");
  }
}
