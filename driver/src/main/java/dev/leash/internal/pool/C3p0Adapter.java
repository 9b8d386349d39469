package dev.leash.internal.pool;

import java.util.List;

/** c3p0. Its checkin makes no call on the physical connection, so URL mode cannot see its returns. */
final class C3p0Adapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("com.mchange.v2.c3p0.");
  /** Its resource pool and the mchange commons it runs on. */
  private static final List<String> ALSO_NEVER_THE_SITE = List.of("com.mchange.");
  private static final Naming NAMING = Naming.getters("getDataSourceName");
  private static final Counts COUNTS = Counts.of("getMaxPoolSize",
      "getNumBusyConnectionsDefaultUser", "getNumIdleConnectionsDefaultUser",
      "getNumThreadsAwaitingCheckoutDefaultUser");
  private static final Frames FRAMES = Frames.none(
      "its checkin makes no call on the physical connection that the driver could see");
  /** "An attempt by a client to checkout a Connection has timed out.", caused by its resource pool's TimeoutException. */
  private static final Timeout TIMEOUT = Timeout.classes("com.mchange.v2.resourcepool.TimeoutException")
      .orMessages("has timed out");

  C3p0Adapter() {
    super("c3p0", PACKAGES, ALSO_NEVER_THE_SITE, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
