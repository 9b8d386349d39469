package dev.leash.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import dev.leash.event.HolderGroup;
import dev.leash.event.PoolSnapshot;
import dev.leash.internal.config.ConfigLoader;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LeashDataSource#snapshot()}: the holders report and the last diagnosis as data, on a real HikariCP pool. */
class SnapshotTest {

  private final List<Connection> held = new ArrayList<>();
  private HikariDataSource pool;

  @AfterEach
  void tearDown() throws SQLException {
    for (Connection c : held) {
      c.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void holdersAreGroupedBySiteAndTheLastExhaustionIsKept() throws Exception {
    String name = "snapshot_" + System.nanoTime();
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(name);
    hc.setJdbcUrl("jdbc:h2:mem:" + name);
    hc.setMaximumPoolSize(2);
    hc.setConnectionTimeout(250);
    pool = new HikariDataSource(hc);
    LeashDataSource ds = (LeashDataSource) LeashDataSource.wrap(pool, LeashConfig.defaults().toBuilder()
        .poolWaitThreshold(Duration.ofMillis(100)).reportInterval(Duration.ZERO).build());

    assertThat(ds.snapshot().holders()).isEmpty();
    // One path: taken from two lines, take() would be a helper reached from two callers, and grouped by path (issue 15).
    for (int i = 0; i < 2; i++) {
      take(ds);
    }

    PoolSnapshot s = ds.snapshot();
    assertThat(s.name()).isEqualTo(name);
    assertThat(s.openLeases()).isEqualTo(2);
    assertThat(s.max()).isEqualTo(2);
    assertThat(s.active()).isEqualTo(2);
    assertThat(s.holders()).hasSize(1);
    HolderGroup g = s.holders().get(0);
    assertThat(g.site()).startsWith("dev.leash.it.SnapshotTest.take(SnapshotTest.java:");
    assertThat(g.count()).isEqualTo(2);
    assertThat(g.busy()).isZero();
    assertThat(g.threads()).containsExactly(Thread.currentThread().getName());
    assertThat(g.stack()).isNotEmpty();
    assertThat(s.lastExhausted()).isNull();

    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (ds.snapshot().lastExhausted() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    PoolSnapshot after = ds.snapshot();
    assertThat(after.lastExhausted()).isNotNull();
    assertThat(after.lastExhausted().diagnosis()).isNotNull();
    assertThat(after.lastExhausted().pool()).isEqualTo(name);
    assertThat(after.lastExhaustedAtMillis()).isPositive();

    for (Connection c : held) {
      c.close();
    }
    held.clear();
    assertThat(ds.snapshot().holders()).isEmpty();
    assertThat(ds.snapshot().openLeases()).isZero();
  }

  @Test
  void anExplicitSourceIsStrictAndNamedInTheMessage() {
    assertThat(ConfigLoader.load("Spring Boot property", Map.of("leash.leak.threshold", "10s")).leakThreshold())
        .isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> ConfigLoader.load("Spring Boot property", Map.of("leash.leak.threshold", "5x")))
        .isInstanceOf(LeashConfigException.class)
        .hasMessage("leash.leak.threshold: '5x' (Spring Boot property) is not a duration; use 250ms, 30s, 5m or PT30S"
            + " (a bare number is milliseconds)");
    assertThatThrownBy(() -> ConfigLoader.load("Spring Boot property", Map.of("leash.leak.treshold", "5s")))
        .isInstanceOf(LeashConfigException.class)
        .hasMessageStartingWith("leash.leak.treshold: '5s' (Spring Boot property) is not a known key; did you mean "
            + "leash.leak.threshold?");
  }

  private void take(LeashDataSource ds) throws SQLException {
    held.add(ds.getConnection());
  }
}
