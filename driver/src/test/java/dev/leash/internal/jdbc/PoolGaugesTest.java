package dev.leash.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import dev.leash.internal.track.PoolGauge;
import java.sql.Connection;
import java.util.Properties;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

class PoolGaugesTest {

  @Test
  void readsHikariCountsAndIgnoresHikarisOwnDriverDataSource() throws Exception {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl("jdbc:h2:mem:gauges;DB_CLOSE_DELAY=-1");
    c.setMaximumPoolSize(3);
    try (HikariDataSource ds = new HikariDataSource(c); Connection held = ds.getConnection()) {
      PoolGauge g = PoolGauges.forDataSource(ds);
      assertThat(g.kind()).isEqualTo("HikariCP");
      assertThat(g.max()).isEqualTo(3);
      assertThat(g.active()).isEqualTo(1);
      assertThat(g.waiting()).isZero();
    }
    // The data source HikariCP opens physical connections with lives in com.zaxxer.hikari but is no pool.
    DriverDataSource internal = new DriverDataSource("jdbc:h2:mem:gauges", "org.h2.Driver", new Properties(), null, null);
    assertThat(PoolGauges.forDataSource(internal)).isSameAs(PoolGauge.UNKNOWN);
  }

  @Test
  void readsDbcp2Counts() throws Exception {
    try (BasicDataSource ds = new BasicDataSource()) {
      ds.setUrl("jdbc:h2:mem:gauges2;DB_CLOSE_DELAY=-1");
      ds.setMaxTotal(4);
      try (Connection held = ds.getConnection()) {
        PoolGauge g = PoolGauges.forDataSource(ds);
        assertThat(g.max()).isEqualTo(4);
        assertThat(g.active()).isEqualTo(1);
        assertThat(g.idle()).isGreaterThanOrEqualTo(0);
      }
    }
  }
}
