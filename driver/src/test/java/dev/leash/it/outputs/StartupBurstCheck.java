package dev.leash.it.outputs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Run by {@link StartupBurstTest} in a fresh JVM: an application that, right after it starts, takes and
 * closes {@value #BURST} connections (a migration tool, a cache warm-up) through Leash in one mode, then
 * prints how many leases {@code db.client.connection.use_time} counted. Nothing waits for Leash between
 * start and burst.
 */
public final class StartupBurstCheck {

  static final int BURST = 50;

  private StartupBurstCheck() {}

  /** {@code wrapped} (HikariCP wrapped by LeashDataSource) or {@code url} (DriverManager on jdbc:leash:, no pool). */
  public static void main(String[] args) throws Exception {
    // The application's own registry, as Spring Boot sets one up before any DataSource is used.
    Metrics.addRegistry(new SimpleMeterRegistry());
    Opener opener = args[0].equals("wrapped") ? wrapped() : () -> DriverManager.getConnection("jdbc:leash:h2:mem:burst_url");
    for (int i = 0; i < BURST; i++) {
      try (Connection c = opener.open(); Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
    }
    long counted = 0;
    for (Timer t : Metrics.globalRegistry.find("db.client.connection.use_time").timers()) {
      counted += t.count();
    }
    System.out.println("burst=" + BURST + " use_time.count=" + counted);
  }

  private static Opener wrapped() {
    HikariConfig config = new HikariConfig();
    config.setPoolName("burst-wrapped");
    config.setJdbcUrl("jdbc:h2:mem:burst_wrapped;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    DataSource ds = dev.leash.jdbc.LeashDataSource.wrap(new HikariDataSource(config));
    return ds::getConnection;
  }

  private interface Opener {
    Connection open() throws SQLException;
  }
}
