package dev.leash.it.outputs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.function.BooleanSupplier;

/** Pools and waits shared by the metrics, JFR and JMX tests. */
final class OutputsTesting {

  private OutputsTesting() {}

  /** A HikariCP pool over a private H2 database: at most {@code max} connections, {@code timeoutMs} to get one. */
  static HikariDataSource hikari(String name, int max, long timeoutMs) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    c.setMaximumPoolSize(max);
    c.setMinimumIdle(0);
    c.setConnectionTimeout(timeoutMs);
    return new HikariDataSource(c);
  }

  /**
   * Makes sure Leash's outputs (JMX, meters, JFR) run: they start on their own thread at the first
   * JDBC traffic of the process, which may be this call's.
   */
  static void outputsStarted() throws Exception {
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:outputs_warm_up");
    try (java.sql.Connection c = dev.leash.jdbc.LeashDataSource.wrap(h2, dev.leash.config.LeashConfig.defaults()).getConnection()) {
      c.isValid(1);
    }
    if (!dev.leash.internal.LeashRuntime.awaitOutputs(30, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError("Leash's outputs did not start");
    }
  }

  /** Waits up to {@code seconds} for {@code condition}; true if it became true. */
  static boolean await(BooleanSupplier condition, double seconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  /** Runs the garbage collector until {@code condition} holds (a dropped connection confirmed leaked). */
  static boolean gcUntil(BooleanSupplier condition, double seconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      System.gc();
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }
}
