package dev.leash.it.sites;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeashListener;
import dev.leash.internal.LeashRuntime;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code connection.leak.confirmed} says "lost for good" only when the pool itself still counts the
 * connection in use; a handle whose pool closed the physical connection itself (a pool shut down, a pool
 * that force-closes or reclaims its connections) is an unclosed handle, not a lost connection.
 */
class ConfirmedLeakClaimTest {

  private final String name = "claims_" + System.nanoTime();
  private final List<LeakEvent> confirmed = new CopyOnWriteArrayList<>();
  private final LeashListener recorder = new LeashListener() {
    @Override
    public void leak(LeakEvent event) {
      if (event.kind() == LeakEvent.Kind.CONFIRMED && event.pool().contains(name)) {
        confirmed.add(event);
      }
    }
  };
  private HikariDataSource hikari;

  @BeforeEach
  void listen() {
    LeashRuntime.registry().listeners().add(recorder);
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    c.setMaximumPoolSize(3);
    c.setMinimumIdle(0);
    hikari = new HikariDataSource(c);
  }

  @AfterEach
  void stop() {
    LeashRuntime.registry().listeners().remove(recorder);
    hikari.close();
  }

  @Test
  void aHandleThePoolStillCountsIsLostForGood() throws Exception {
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    leakOne(ds);
    LeakEvent e = awaitConfirmed();
    assertThat(e.poolState()).isEqualTo(LeakEvent.PoolState.STILL_IN_USE);
    assertThat(e.poolInUse()).isEqualTo(1);
    assertThat(e.openLeases()).isZero();
    assertThat(message(e)).startsWith("Connection leak confirmed [connection.leak.confirmed]: ")
        .contains("the pool still counts it in use (1 in use, 0 held by open leases): it has lost that connection for good");
  }

  @Test
  void aHandleWhosePoolClosedItsConnectionIsNotALostConnection() throws Exception {
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    leakOne(ds);
    hikari.close(); // the pool aborts every connection, the leaked one too: nothing is lost any more
    LeakEvent e = awaitConfirmed();
    assertThat(e.poolState()).isEqualTo(LeakEvent.PoolState.RECLAIMED);
    assertThat(message(e)).contains("the pool no longer counts it in use (0 in use, 0 held by open leases)")
        .doesNotContain("lost that connection for good").doesNotContain("lost it for good");
  }

  @Test
  void aDriverConnectionIsNeverCalledAPoolsLoss() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:leash:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    c.createStatement().close();
    c = null; // never closed
    LeakEvent e = awaitConfirmed();
    assertThat(e.poolState()).isEqualTo(LeakEvent.PoolState.NO_POOL);
    assertThat(message(e)).contains("straight from the driver, not from a pool").doesNotContain("lost");
  }

  /** Takes a connection through a DAO-like helper and drops it without close(). */
  private static void leakOne(DataSource ds) throws Exception {
    Connection c = ds.getConnection();
    c.createStatement().close();
  }

  private LeakEvent awaitConfirmed() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (confirmed.isEmpty() && System.nanoTime() < end) {
      System.gc();
      Thread.sleep(20);
      dev.leash.internal.track.TrackAccess.drainCollected(LeashRuntime.registry());
    }
    assertThat(confirmed).hasSize(1);
    return confirmed.get(0);
  }

  private static String message(LeakEvent e) {
    return dev.leash.report.ReportMessagesAccess.leak(e);
  }
}
