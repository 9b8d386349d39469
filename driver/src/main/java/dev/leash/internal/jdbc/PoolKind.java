package dev.leash.internal.jdbc;

import dev.leash.internal.track.MethodNames;
import java.util.List;

/**
 * The connection pools Leash recognises, and what it knows of each: its packages, the names it gives its
 * threads, its acquisition, return and housekeeping frames, where it says its name in JMX, and the getters
 * of its own counts ({@link #gauge}). When they open physical connections through a {@code jdbc:leash:}
 * URL, this is how Leash tells each one's borrows and returns.
 *
 * <p>In URL mode Leash sees only physical connections. A pool borrows and returns them without
 * telling the driver, but HikariCP and DBCP2 both call {@code clearWarnings()} on the physical
 * connection at every return (HikariCP in {@code ProxyConnection.close()}, DBCP2 in
 * {@code PoolableConnectionFactory.passivateObject()}), so a {@code clearWarnings()} made from
 * that return path ends the borrow-level lease. For the other pools no such signal exists, and
 * Leash says so instead of guessing.
 *
 * <p>A pool also uses a physical connection for itself on the application's thread, inside the
 * application's {@code getConnection()}: it opens and sets up new connections, and validates them
 * ({@code isValid}) before handing them out or, for DBCP2, once when the pool starts. Those frames are
 * listed as housekeeping, so such a call never starts a lease: a connection that fails validation and
 * is thrown away, or DBCP2's start-up test connection, was never handed to the application.
 */
enum PoolKind {
  HIKARI("HikariCP", List.of("com.zaxxer.hikari."),
      // HikariCP names its threads after the pool: "shop:connection-adder", "shop:housekeeper" (6.x),
      // "shop connection adder", "shop housekeeper" (up to 5.x).
      List.of(":connection-adder", ":housekeeper", " connection adder", " housekeeper"),
      List.of("com.zaxxer.hikari.pool.ProxyConnection.close"),
      List.of("com.zaxxer.hikari.pool.HikariPool.getConnection"),
      List.of("com.zaxxer.hikari.pool.PoolBase.isConnectionDead",
          "com.zaxxer.hikari.pool.PoolBase.isConnectionAlive",
          "com.zaxxer.hikari.pool.PoolBase.newConnection",
          "com.zaxxer.hikari.pool.PoolBase.setupConnection")) {
    @Override
    PoolGauges.Reflective gauge(Object dataSource) {
      return new PoolGauges.Reflective(dataSource, "HikariCP", "getMaximumPoolSize",
          "getHikariPoolMXBean.getActiveConnections", "getHikariPoolMXBean.getIdleConnections",
          "getHikariPoolMXBean.getThreadsAwaitingConnection").idleBounds(null, "getMinimumIdle");
    }
  },
  DBCP2("DBCP2", List.of("org.apache.commons.dbcp2.", "org.apache.tomcat.dbcp.dbcp2."),
      List.of(),
      List.of("org.apache.commons.dbcp2.PoolableConnectionFactory.passivateObject",
          "org.apache.commons.dbcp2.PoolableConnection.close",
          "org.apache.commons.dbcp2.PoolableConnection.reallyClose",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory.passivateObject",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnection.close",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnection.reallyClose"),
      List.of("org.apache.commons.dbcp2.PoolingDataSource.getConnection",
          "org.apache.commons.dbcp2.PoolingDriver.connect",
          "org.apache.tomcat.dbcp.dbcp2.PoolingDataSource.getConnection",
          "org.apache.tomcat.dbcp.dbcp2.PoolingDriver.connect"),
      List.of("org.apache.commons.dbcp2.PoolableConnectionFactory.makeObject",
          "org.apache.commons.dbcp2.PoolableConnectionFactory.activateObject",
          "org.apache.commons.dbcp2.PoolableConnectionFactory.validateObject",
          "org.apache.commons.dbcp2.PoolableConnectionFactory.validateConnection",
          "org.apache.commons.dbcp2.PoolableConnectionFactory.destroyObject",
          "org.apache.commons.dbcp2.BasicDataSource.validateConnectionFactory",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory.makeObject",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory.activateObject",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory.validateObject",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory.validateConnection",
          "org.apache.tomcat.dbcp.dbcp2.PoolableConnectionFactory.destroyObject",
          "org.apache.tomcat.dbcp.dbcp2.BasicDataSource.validateConnectionFactory")) {
    @Override
    List<String> jmxClassNames() {
      return List.of("org.apache.commons.dbcp2.BasicDataSource", "org.apache.tomcat.dbcp.dbcp2.BasicDataSource");
    }

    @Override
    PoolGauges.Reflective gauge(Object dataSource) {
      return new PoolGauges.Reflective(dataSource, "DBCP2", "getMaxTotal", "getNumActive", "getNumIdle", null)
          .idleBounds("getMaxIdle", "getMinIdle");
    }
  },
  C3P0("c3p0", List.of("com.mchange.v2.c3p0."), List.of(), List.of(), List.of(), List.of()) {
    @Override
    PoolGauges.Reflective gauge(Object dataSource) {
      return new PoolGauges.Reflective(dataSource, "c3p0", "getMaxPoolSize", "getNumBusyConnectionsDefaultUser",
          "getNumIdleConnectionsDefaultUser", "getNumThreadsAwaitingCheckoutDefaultUser");
    }
  },
  TOMCAT_JDBC("Tomcat JDBC", List.of("org.apache.tomcat.jdbc.pool."), List.of(), List.of(), List.of(), List.of()) {
    @Override
    PoolGauges.Reflective gauge(Object dataSource) {
      return new PoolGauges.Reflective(dataSource, "Tomcat JDBC", "getMaxActive", "getActive", "getIdle", "getWaitCount")
          .idleBounds("getMaxIdle", "getMinIdle");
    }
  },
  AGROAL("Agroal", List.of("io.agroal."), List.of(), List.of(), List.of(), List.of()) {
    @Override
    PoolGauges.Reflective gauge(Object dataSource) {
      return new PoolGauges.Reflective(dataSource, "Agroal", "getConfiguration.connectionPoolConfiguration.maxSize",
          "getMetrics.activeCount", "getMetrics.availableCount", "getMetrics.awaitingCount");
    }
  },
  VIBUR("Vibur", List.of("org.vibur.dbcp."), List.of(), List.of(), List.of(), List.of()),
  ORACLE_UCP("Oracle UCP", List.of("oracle.ucp."), List.of(), List.of(), List.of(), List.of());

  private final String displayName;
  private final List<String> packages;
  private final List<String> threadNameSuffixes;
  private final List<String> returnMethods;
  private final List<String> acquireMethods;
  private final List<String> housekeepingMethods;

  PoolKind(String displayName, List<String> packages, List<String> threadNameSuffixes, List<String> returnMethods,
      List<String> acquireMethods, List<String> housekeepingMethods) {
    this.displayName = displayName;
    this.packages = packages;
    this.threadNameSuffixes = threadNameSuffixes;
    this.returnMethods = returnMethods;
    this.acquireMethods = acquireMethods;
    this.housekeepingMethods = housekeepingMethods;
  }

  String displayName() {
    return displayName;
  }

  /**
   * Reads {@code dataSource}'s own counts through the getters this kind of pool has (maximum, active, idle,
   * waiting, idle bounds), or null if Leash reads none for this kind. See {@link PoolGauges#forDataSource}.
   */
  PoolGauges.Reflective gauge(Object dataSource) {
    return null;
  }

  /**
   * The classes of this kind's pools that register with the platform MBean server under the pool's own name
   * (DBCP2's {@code jmxName}), with its {@code Url} as an attribute, so URL mode can learn the name there.
   */
  List<String> jmxClassNames() {
    return List.of();
  }

  /** Whether this kind of pool names its threads after itself, so URL mode can learn its name. */
  boolean namesThreads() {
    return !threadNameSuffixes.isEmpty();
  }

  /**
   * The pool's own name if {@code threadName} is one of the threads this kind of pool names after itself
   * (HikariCP's {@code shop:connection-adder} gives {@code shop}), else null.
   */
  String poolNameFromThread(String threadName) {
    if (threadName == null) {
      return null;
    }
    for (String suffix : threadNameSuffixes) {
      if (threadName.endsWith(suffix) && threadName.length() > suffix.length()) {
        return threadName.substring(0, threadName.length() - suffix.length());
      }
    }
    return null;
  }

  /** Whether Leash can see this pool's returns in URL mode (and so track borrow-level leases). */
  boolean returnsRecognised() {
    return !returnMethods.isEmpty();
  }

  boolean owns(String className) {
    for (String p : packages) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code className.methodName} is part of this pool's return (check-in) path. */
  boolean isReturnFrame(String className, String methodName) {
    return MethodNames.contains(returnMethods, className, methodName);
  }

  /**
   * The pool's own acquisition methods, {@code Class.method}: a thread with one of them on its stack is
   * inside the pool's {@code getConnection()}, waiting for a connection. Named below the application's
   * entry point (HikariCP's {@code HikariPool}, DBCP2's {@code PoolingDataSource}) so that a pool2 object
   * pool used for something else (a Redis client) is not mistaken for a database pool.
   */
  List<String> acquireMethods() {
    return acquireMethods;
  }

  /** True if {@code className.methodName} is the pool creating, setting up or validating a connection for itself. */
  boolean isHousekeepingFrame(String className, String methodName) {
    return MethodNames.contains(housekeepingMethods, className, methodName);
  }

  /** The pool that owns {@code className}, or null. */
  static PoolKind owning(String className) {
    for (PoolKind k : values()) {
      if (k.owns(className)) {
        return k;
      }
    }
    return null;
  }
}
