package dev.leash.it.outputs;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Run by {@link NoMicrometerTest} in a JVM without Micrometer (and without any logging backend: SLF4J
 * falls back to its no-op logger). Exits non-zero on any failure.
 */
public final class NoMicrometerCheck {

  private NoMicrometerCheck() {}

  public static void main(String[] args) throws Exception {
    try {
      Class.forName("io.micrometer.core.instrument.Metrics");
      System.out.println("micrometer PRESENT: the check proves nothing");
      System.exit(2);
    } catch (ClassNotFoundException expected) {
      System.out.println("micrometer absent");
    }
    try (Connection c = DriverManager.getConnection("jdbc:leash:h2:mem:nomicrometer");
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    System.out.println("url mode ok");
    DataSource ds = dev.leash.jdbc.LeashDataSource.wrap(JdbcConnectionPool.create("jdbc:h2:mem:nomicrometer2", "sa", ""));
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
    }
    System.out.println("datasource mode ok");
    // The outputs that do not need Micrometer still started.
    if (!dev.leash.internal.LeashRuntime.awaitOutputs(30, java.util.concurrent.TimeUnit.SECONDS)) {
      System.out.println("outputs did not start");
      System.exit(4);
    }
    Object open = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName("dev.leash:type=Leash"), "OpenLeases");
    if (!Integer.valueOf(0).equals(open)) {
      System.out.println("OpenLeases = " + open);
      System.exit(3);
    }
    System.out.println("leash outputs ok");
  }
}
