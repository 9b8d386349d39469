package dev.leash.internal.pool;

import java.util.List;

/** c3p0. Its checkin makes no call on the physical connection, so URL mode cannot see its returns. */
final class C3p0Adapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("com.mchange.v2.c3p0.");
  private static final List<String> ALSO_NEVER_THE_SITE = List.of("com.mchange.");
  private static final Naming NAMING = Naming.getters("getDataSourceName");
  private static final Counts COUNTS = Counts.of("getMaxPoolSize",
      "getNumBusyConnectionsDefaultUser", "getNumIdleConnectionsDefaultUser",
      "getNumThreadsAwaitingCheckoutDefaultUser");
  private static final Frames FRAMES = Frames.none(
      "its checkin makes no call on the physical connection that the driver could see");
  private static final Timeout TIMEOUT = Timeout.classes("com.mchange.v2.resourcepool.TimeoutException")
      .orMessages("has timed out");

  @Override
  public String displayName() {
    return "c3p0";
  }

  @Override
  public List<String> packages() {
    return PACKAGES;
  }

  /** Its resource pool and the mchange commons it runs on. */
  @Override
  public List<String> alsoNeverTheSite() {
    return ALSO_NEVER_THE_SITE;
  }

  @Override
  public Naming naming() {
    return NAMING;
  }

  @Override
  public Counts counts() {
    return COUNTS;
  }

  @Override
  public Frames frames() {
    return FRAMES;
  }

  /** "An attempt by a client to checkout a Connection has timed out.", caused by its resource pool's TimeoutException. */
  @Override
  public Timeout timeout() {
    return TIMEOUT;
  }
}
