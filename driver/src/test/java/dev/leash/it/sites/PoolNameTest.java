package dev.leash.it.sites;

import dev.leash.report.ReportText;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.HolderGroups;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One pool, one name: a HikariCP pool is known by its own {@code poolName} in the wrapper and through the
 * {@code jdbc:leash:} URL (where the driver never sees the pool object), and a dump lists it with no
 * connection open. (The agent's modes are tested in the agent module.)
 */
class PoolNameTest {

  private final String name = "shop_" + System.nanoTime();
  private final List<String> leasePools = new CopyOnWriteArrayList<>();
  private final LeashListener recorder = new LeashListener() {
    @Override
    public void leaseStarted(LeaseView lease) {
      if (lease.db().contains(name)) {
        leasePools.add(lease.pool());
      }
    }
  };
  private HikariDataSource hikari;

  @BeforeEach
  void listen() throws Exception {
    LeashRuntime.registry().listeners().add(recorder);
    // Meters start on their own thread at the first traffic of the process: have them up before this test's.
    java.sql.DriverManager.getConnection("jdbc:leash:h2:mem:warmup_" + System.nanoTime()).close();
    assertThat(LeashRuntime.awaitOutputs(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void stop() {
    LeashRuntime.registry().listeners().remove(recorder);
    if (hikari != null) {
      hikari.close();
    }
  }

  @Test
  void wrapperUsesThePoolsOwnName() throws Exception {
    hikari = hikari("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", 2);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    borrowAndReturn(ds, 3);
    assertThat(leasePools).hasSize(3).containsOnly(name);
    assertThat(dump()).contains("\nPool " + name + ":\nHolders: 0 open leases");
    assertThat(meterPoolNames()).containsExactly(name);
  }

  @Test
  void wrapperOfAnUnstartedPoolTakesTheNameThePoolGivesItselfWhenItStarts() throws Exception {
    // Spring Boot's way: a no-arg HikariDataSource that starts (and names itself HikariPool-N) on its first getConnection().
    hikari = new HikariDataSource();
    hikari.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    hikari.setMaximumPoolSize(2);
    assertThat(hikari.getPoolName()).isNull();
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    borrowAndReturn(ds, 2);
    assertThat(hikari.getPoolName()).startsWith("HikariPool-");
    assertThat(leasePools).hasSize(2).containsOnly(hikari.getPoolName());
  }

  @Test
  void urlModeFindsThePoolsNameOnItsThreads() throws Exception {
    // Another HikariCP pool of the application, running before ours: its threads must not lend ours their name.
    HikariConfig other = new HikariConfig();
    other.setPoolName("bystander_" + System.nanoTime());
    other.setJdbcUrl("jdbc:h2:mem:bystander_" + System.nanoTime());
    other.setMinimumIdle(1);
    try (HikariDataSource bystander = new HikariDataSource(other)) {
      bystander.getConnection().close();
      hikari = hikari("jdbc:leash:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", 3);
      borrowAndReturn(hikari, 3);
    }
    assertThat(leasePools).hasSize(3).containsOnly(name);
    assertThat(dump()).contains("\nPool " + name + ":\nHolders: 0 open leases")
        .doesNotContain("HikariCP jdbc:h2:mem:" + name);
    assertThat(meterPoolNames()).as("the pool tag of every meter").contains(name)
        .noneMatch(n -> n.contains("jdbc:h2:mem:" + name));
  }

  @Test
  void urlModeFindsADbcp2PoolsJmxName() throws Exception {
    // Another DBCP2 pool registered under its own name, on another database: its name must not be taken.
    String jmxName = "org.apache.commons.dbcp2:name=" + name;
    try (org.apache.commons.dbcp2.BasicDataSource bystander = dbcp2("jdbc:leash:h2:mem:bystander_" + name,
            "org.apache.commons.dbcp2:name=bystander_" + name);
        org.apache.commons.dbcp2.BasicDataSource dbcp2 = dbcp2("jdbc:leash:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", jmxName)) {
      bystander.getConnection().close();
      borrowAndReturn(dbcp2, 3);
      assertThat(leasePools).as("named as in the other modes").hasSize(3).containsOnly(dbcp2.getJmxName());
      assertThat(dbcp2.getJmxName()).isEqualTo(jmxName);
      assertThat(dump()).contains("\nPool " + jmxName + ":\nHolders: 0 open leases")
          .doesNotContain("DBCP2 jdbc:h2:mem:" + name);
    }
  }

  @Test
  void urlModeNamesADbcp2PoolWithoutJmxNameAfterItsUrl() throws Exception {
    try (org.apache.commons.dbcp2.BasicDataSource dbcp2 = dbcp2("jdbc:leash:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null)) {
      borrowAndReturn(dbcp2, 2);
    }
    assertThat(leasePools).hasSize(2).containsOnly("DBCP2 jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
  }

  private static org.apache.commons.dbcp2.BasicDataSource dbcp2(String url, String jmxName) {
    org.apache.commons.dbcp2.BasicDataSource ds = new org.apache.commons.dbcp2.BasicDataSource();
    ds.setUrl(url);
    ds.setMaxTotal(2);
    if (jmxName != null) {
      ds.setJmxName(jmxName);
    }
    return ds;
  }

  /** The values of every meter tag that names this test's pool (whatever the tag key is called). */
  private java.util.Set<String> meterPoolNames() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (io.micrometer.core.instrument.Meter m : io.micrometer.core.instrument.Metrics.globalRegistry.getMeters()) {
      for (io.micrometer.core.instrument.Tag t : m.getId().getTags()) {
        if (t.getValue().contains(name)) {
          names.add(t.getValue());
        }
      }
    }
    return names;
  }

  private HikariDataSource hikari(String url, int max) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl(url);
    c.setMaximumPoolSize(max);
    c.setMinimumIdle(1);
    return new HikariDataSource(c);
  }

  /** Each borrow runs a query, as a DAO would; URL mode sees a borrow at its first use. */
  private static void borrowAndReturn(DataSource ds, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      try (Connection c = ds.getConnection()) {
        c.createStatement().execute("select 1");
      }
    }
  }

  private static String dump() {
    LeaseRegistry r = LeashRuntime.registry();
    return ReportText.holdersByPool(HolderGroups.byPool(r.openLeases(), r.trackedPools(), r.clock().nanoTime()), r.droppedLeases());
  }
}
