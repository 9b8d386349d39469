package dev.leash.internal.pool;

import java.util.List;

/**
 * Apache Commons DBCP2, and Tomcat's repackaged copy of it ({@code org.apache.tomcat.dbcp.dbcp2}). Its
 * return path calls {@code clearWarnings()} on the physical connection
 * ({@code PoolableConnectionFactory.passivateObject()}), which is how URL mode sees a borrow end.
 */
final class Dbcp2Adapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("org.apache.commons.dbcp2.", "org.apache.tomcat.dbcp.dbcp2.");
  /** Its object pool (commons-pool2, and Tomcat's copy beside the copy of DBCP2) and DBCP 1. */
  private static final List<String> ALSO_NEVER_THE_SITE = List.of(
      "org.apache.commons.dbcp.", "org.apache.commons.pool2.", "org.apache.tomcat.dbcp.");
  /**
   * No name getter but its JMX name ({@code getJmxName}, set when the pool registers with JMX), under which
   * it registers before it opens its first connection, with its {@code Url} beside it.
   */
  private static final Naming NAMING = Naming.getters("getJmxName")
      .jmxClasses("org.apache.commons.dbcp2.BasicDataSource", "org.apache.tomcat.dbcp.dbcp2.BasicDataSource");
  private static final Counts COUNTS = Counts.of("getMaxTotal", "getNumActive", "getNumIdle", null)
      .idleBounds("getMaxIdle", "getMinIdle");
  /**
   * {@code PoolingDataSource}, not pool2's {@code GenericObjectPool}, is its acquisition: a pool2 object pool
   * may serve something else. It validates connections when it hands them out and once when it starts
   * ({@code validateConnectionFactory}, its start-up test connection).
   */
  private static final Frames FRAMES = Frames.of(
      both("PoolingDataSource.getConnection", "PoolingDriver.connect"),
      both("PoolableConnectionFactory.passivateObject", "PoolableConnection.close", "PoolableConnection.reallyClose"),
      both("PoolableConnectionFactory.makeObject", "PoolableConnectionFactory.activateObject",
          "PoolableConnectionFactory.validateObject", "PoolableConnectionFactory.validateConnection",
          "PoolableConnectionFactory.destroyObject", "BasicDataSource.validateConnectionFactory"));
  /**
   * "Cannot get a connection, pool error Timeout waiting for idle object", caused by pool2's
   * {@code NoSuchElementException}; "Pool exhausted" when it is set not to wait.
   */
  private static final Timeout TIMEOUT = Timeout.classes("java.util.NoSuchElementException")
      .orMessages("timeout waiting for idle object", "pool exhausted");

  /** Each method in Apache's package and in Tomcat's copy. */
  private static List<String> both(String... classAndMethods) {
    List<String> out = new java.util.ArrayList<>();
    for (String m : classAndMethods) {
      out.add("org.apache.commons.dbcp2." + m);
    }
    for (String m : classAndMethods) {
      out.add("org.apache.tomcat.dbcp.dbcp2." + m);
    }
    return out;
  }

  Dbcp2Adapter() {
    super("DBCP2", PACKAGES, ALSO_NEVER_THE_SITE, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
