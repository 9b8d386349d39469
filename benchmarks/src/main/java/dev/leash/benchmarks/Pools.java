package dev.leash.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/** The HikariCP set-ups compared by the pool benchmarks; {@code mode} is the benchmark's parameter. */
final class Pools {

  private Pools() {}

  /** An open HikariCP pool and the data source the application uses (the pool itself, or a wrapper of it). */
  static final class Setup {
    final HikariDataSource hikari;
    final DataSource dataSource;

    Setup(HikariDataSource hikari, DataSource dataSource) {
      this.hikari = hikari;
      this.dataSource = dataSource;
    }

    void close() {
      hikari.close();
    }
  }

  /**
   * Builds the pool for {@code mode} over {@code jdbcUrl} (a full {@code jdbc:} URL of the real database):
   * {@code raw}, {@code hikariLeakDetection} (HikariCP's own {@code leakDetectionThreshold} = 60 s),
   * {@code leashWrap} ({@code LeashDataSource.wrap}, default config: stack depth 32),
   * {@code leashWrapDepth0} (same with {@code stackDepth(0)}), {@code leashWrapDepth0NoOutputs} (and without meters,
   * JFR and JMX), {@code leashUrl} (HikariCP over
   * {@code jdbc:leash:}), {@code datasourceProxy} (datasource-proxy around HikariCP, no listener).
   */
  static Setup open(String mode, String jdbcUrl, int size, String user) throws SQLException {
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("bench-" + mode);
    cfg.setMaximumPoolSize(size);
    cfg.setMinimumIdle(size);
    cfg.setJdbcUrl(jdbcUrl);
    if (user != null) {
      cfg.setUsername(user);
    }
    if (mode.equals("hikariLeakDetection")) {
      cfg.setLeakDetectionThreshold(60_000);
    }
    if (mode.equals("leashUrl")) {
      cfg.setJdbcUrl("jdbc:leash:" + jdbcUrl.substring("jdbc:".length()));
      cfg.setDriverClassName("dev.leash.jdbc.LeashDriver");
    }
    HikariDataSource hikari = new HikariDataSource(cfg);
    DataSource ds;
    switch (mode) {
      case "raw":
      case "hikariLeakDetection":
      case "leashUrl":
        ds = hikari;
        break;
      case "leashWrap":
        ds = LeashDataSource.wrap(hikari);
        break;
      case "leashWrapDepth0":
        ds = LeashDataSource.wrap(hikari, LeashConfig.builder().stackDepth(0).build());
        break;
      case "leashWrapDepth0NoOutputs":
        // Depth 0 without meters, JFR and JMX (decided by the first configuration of the fork, as below): against
        // leashWrapDepth0, what the outputs' listeners cost per borrow + return.
        ds = LeashDataSource.wrap(hikari, LeashConfig.builder().stackDepth(0).jfrEnabled(false).jmxEnabled(false)
            .metricsEnabled(false).build());
        break;
      case "leashWrapNoOutputs":
        // The first configuration a process sees decides whether JFR and JMX are installed: in this fork
        // they are not, so leashWrap vs leashWrapNoOutputs is the cost of installed-but-disabled JFR events.
        ds = LeashDataSource.wrap(hikari, LeashConfig.builder().jfrEnabled(false).jmxEnabled(false).metricsEnabled(false).build());
        break;
      case "datasourceProxy":
        ds = ProxyDataSourceBuilder.create(hikari).name("bench").build();
        break;
      default:
        hikari.close();
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    try (Connection c = ds.getConnection()) {
      if (mode.startsWith("leashWrap") || mode.equals("datasourceProxy")) {
        Modes.expectWrapped(mode, c);
      }
      if (mode.equals("leashUrl") && !c.isWrapperFor(dev.leash.internal.jdbc.LeashConnection.class)) {
        throw new IllegalStateException("leashUrl: HikariCP did not open its connections through jdbc:leash:");
      }
    }
    return new Setup(hikari, ds);
  }
}
