package dev.leash.internal.pool;

import java.util.List;

/**
 * HikariCP. Its return path calls {@code clearWarnings()} on the physical connection
 * ({@code ProxyConnection.close()}), which is how URL mode sees a borrow end.
 */
final class HikariAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("com.zaxxer.hikari.");
  /**
   * {@code getPoolName} is null until the pool starts, then {@code HikariPool-1} unless set. HikariCP names
   * its threads after the pool: "shop:connection-adder", "shop:housekeeper" (6.x), "shop connection adder",
   * "shop housekeeper" (up to 5.x).
   */
  private static final Naming NAMING = Naming.getters("getPoolName")
      .threadsEndingWith(":connection-adder", ":housekeeper", " connection adder", " housekeeper");
  private static final Counts COUNTS = Counts.of("getMaximumPoolSize", "getHikariPoolMXBean.getActiveConnections",
      "getHikariPoolMXBean.getIdleConnections", "getHikariPoolMXBean.getThreadsAwaitingConnection")
      .idleBounds(null, "getMinimumIdle");
  /** It validates ({@code isConnectionAlive}) and sets up new connections inside the application's getConnection(). */
  private static final Frames FRAMES = Frames.of(
      List.of("com.zaxxer.hikari.pool.HikariPool.getConnection"),
      List.of("com.zaxxer.hikari.pool.ProxyConnection.close"),
      List.of("com.zaxxer.hikari.pool.PoolBase.isConnectionDead",
          "com.zaxxer.hikari.pool.PoolBase.isConnectionAlive",
          "com.zaxxer.hikari.pool.PoolBase.newConnection",
          "com.zaxxer.hikari.pool.PoolBase.setupConnection"));
  /**
   * "HikariPool-1 - Connection is not available, request timed out after 30000ms." Its class,
   * {@code SQLTransientConnectionException}, is no sign: drivers throw it for connection failures too.
   */
  private static final Timeout TIMEOUT = Timeout.messages("connection is not available");

  HikariAdapter() {
    super("HikariCP", PACKAGES, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
