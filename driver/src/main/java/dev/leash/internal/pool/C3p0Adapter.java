package dev.leash.internal.pool;

import java.util.List;

/** c3p0. Its checkin makes no call on the physical connection, so URL mode cannot see its returns. */
final class C3p0Adapter extends PoolAdapter {

  @Override
  public String displayName() {
    return "c3p0";
  }

  @Override
  public List<String> packages() {
    return List.of("com.mchange.v2.c3p0.");
  }

  /** Its resource pool and the mchange commons it runs on. */
  @Override
  public List<String> alsoNeverTheSite() {
    return List.of("com.mchange.");
  }

  @Override
  public Naming naming() {
    return Naming.getters("getDataSourceName");
  }

  @Override
  public Counts counts() {
    return Counts.of("getMaxPoolSize", "getNumBusyConnectionsDefaultUser", "getNumIdleConnectionsDefaultUser",
        "getNumThreadsAwaitingCheckoutDefaultUser");
  }

  @Override
  public Frames frames() {
    return Frames.none("its checkin makes no call on the physical connection that the driver could see");
  }

  /** "An attempt by a client to checkout a Connection has timed out.", caused by its resource pool's TimeoutException. */
  @Override
  public Timeout timeout() {
    return Timeout.classes("com.mchange.v2.resourcepool.TimeoutException").orMessages("has timed out");
  }
}
