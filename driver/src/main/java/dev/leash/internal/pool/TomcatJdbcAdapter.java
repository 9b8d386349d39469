package dev.leash.internal.pool;

import java.util.List;

/** The Tomcat JDBC pool ({@code org.apache.tomcat.jdbc.pool}; not Tomcat's DBCP2 copy, see {@link Dbcp2Adapter}). */
final class TomcatJdbcAdapter extends PoolAdapter {

  /** Checked before any framework prefix: {@code org.apache.tomcat.} itself is a web container. */
  private static final List<String> PACKAGES = List.of("org.apache.tomcat.jdbc.");
  /** {@code getPoolName} is the started pool's name; before that, the configured {@code getName}. */
  private static final Naming NAMING = Naming.getters("getPoolName", "getName");
  private static final Counts COUNTS = Counts.of("getMaxActive", "getActive", "getIdle", "getWaitCount")
      .idleBounds("getMaxIdle", "getMinIdle");
  private static final Frames FRAMES = Frames.none(
      "its return makes no call on the physical connection that the driver could see");
  /** "[main] Timeout: Pool empty. Unable to fetch a connection in 1 seconds, none available[size:2; busy:2; ...]." */
  private static final Timeout TIMEOUT = Timeout.classes("org.apache.tomcat.jdbc.pool.PoolExhaustedException")
      .orMessages("pool empty");

  TomcatJdbcAdapter() {
    super("Tomcat JDBC", PACKAGES, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
