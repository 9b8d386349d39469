package dev.leash.reliability;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leash.config.LeashConfig;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.reliability.Soak.Mode;
import dev.leash.reliability.Soak.Pool;
import dev.leash.testing.LogCapture;
import dev.leash.testing.RequiredDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults around Leash: the database goes away and comes back, close() throws, abort(), double close,
 * a connection closed by another thread, an interrupted wait. In each case no exception of Leash's
 * reaches the application (only the pool's or driver's own), every lease ends, and nothing is reported.
 */
class FaultsTest {

  /**
   * No lease here is meant to look leaked or long-held, so the threshold only has to exceed what a step between a
   * borrow and its close can take: at 500 ms, with every core busy, the first assertThatThrownBy (class loading)
   * left a connection idle 577 ms and it was rightly reported. Nothing this test asserts depends on the value.
   */
  static final Duration THRESHOLD = Duration.ofSeconds(3);
  /** Time for reports already made to reach the log (they are written on Leash's reporting thread). */
  static final Duration REPORTS_SETTLE = Duration.ofSeconds(1);

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private LogCapture logs;
  private String marker;
  private long acquiredBefore;
  private long releasedBefore;

  @BeforeEach
  void setUp() {
    logs = new LogCapture();
    marker = "fault_" + System.nanoTime();
    LeaseRegistry r = LeashRuntime.registry();
    acquiredBefore = r.acquiredCount();
    releasedBefore = r.releasedCount();
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  /** Counts what the workers did, and fails on anything but a pool's or driver's SQLException. */
  static final class Workload {
    final AtomicLong borrows = new AtomicLong();
    final AtomicLong returns = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong successesAfterRecovery = new AtomicLong();
    final AtomicReference<Throwable> wrong = new AtomicReference<>();
    volatile SQLException lastFailure;
    volatile boolean recovered;
  }

  private static void runWorkers(DataSource ds, int threads, Duration duration, Workload w, Runnable midway)
      throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          go.await();
          while (System.nanoTime() - end < 0) {
            try {
              Connection c = ds.getConnection();
              w.borrows.incrementAndGet();
              try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                }
                if (w.recovered) {
                  w.successesAfterRecovery.incrementAndGet();
                }
              } finally {
                w.returns.incrementAndGet();
                c.close();
              }
            } catch (SQLException e) {
              w.failures.incrementAndGet();
              w.lastFailure = e;
              assertNotLeash(e);
              // HikariCP evicts a connection on SQLState 08xxx; H2's "database is already closed" is 90121,
              // so a broken connection is found only by HikariCP's check of connections idle over 500 ms.
              Thread.sleep(600);
            }
          }
        } catch (Throwable e) {
          w.wrong.compareAndSet(null, e);
        }
      }, "fault-worker-" + t);
      th.start();
      workers.add(th);
    }
    go.countDown();
    midway.run();
    for (Thread th : workers) {
      th.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  /** An exception the pool or driver raised and Leash let through: not Leash's class, not thrown from Leash's code. */
  static void assertNotLeash(Throwable e) {
    assertThat(e.getClass().getName()).doesNotStartWith("dev.leash.");
    assertThat(dev.leash.internal.track.StackCapture.isLeash(e.getStackTrace()[0].getClassName())).as("thrown from Leash: %s", e)
        .isFalse();
    assertThat(String.valueOf(e.getMessage())).doesNotContain("leash");
  }

  /** Nothing reported for this test's pool, no lease of it open, and the registry's counts moved as the application's did. */
  private void assertClean(long borrows, long returns) throws InterruptedException {
    // Every lease of the test has ended (asserted below), so no report about one can still be due: only written.
    Thread.sleep(REPORTS_SETTLE.toMillis());
    assertThat(logs.events()).filteredOn(Soak.about(marker)).extracting(e -> kv(e, "event"))
        .doesNotContain("connection.leak.suspected", "connection.leak.confirmed", "connection.held.busy",
            "connection.leak.returned", "connection.nested");
    assertThat(Soak.openLeases(marker)).isEmpty();
    LeaseRegistry r = LeashRuntime.registry();
    assertThat(r.acquiredCount() - acquiredBefore).as("leases started").isEqualTo(borrows);
    assertThat(r.releasedCount() - releasedBefore).as("leases ended").isEqualTo(returns);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void h2ServerStopsAndComesBackOnTheSamePort(Mode mode) throws Exception {
    // Loopback only: no -tcpAllowOthers.
    String dir = java.nio.file.Files.createTempDirectory("leash-fault").toString();
    Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir).start();
    int port = server.getPort();
    AtomicReference<Server> current = new AtomicReference<>(server);
    toClose.add(() -> current.get().stop());
    // A file database: stopping the server closes it, and the restarted server opens it again.
    String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + marker;
    DataSource ds = Soak.open(Pool.HIKARI, mode, url, "sa", "", THRESHOLD, 4, Duration.ofMillis(1000), toClose);
    Workload w = new Workload();

    runWorkers(ds, 4, Duration.ofMillis(4500), w, () -> {
      try {
        Thread.sleep(800);
        current.get().stop();
        Thread.sleep(1200);
        current.set(Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", dir).start());
        w.recovered = true;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    assertThat(w.wrong.get()).isNull();
    assertThat(w.failures.get()).as("the outage was seen by the application").isPositive();
    assertThat(w.successesAfterRecovery.get()).as("work resumed after the server came back; last failure %s", w.lastFailure)
        .isPositive();
    assertClean(w.borrows.get(), w.returns.get());
  }

  @Test
  void postgresBackendsTerminatedMidRun() throws Exception {
    RequiredDatabase pg = RequiredDatabase.POSTGRESQL;
    pg.assumeReachable();
    String url = pg.rawUrl() + "?ApplicationName=" + marker;
    DataSource ds = Soak.open(Pool.HIKARI, Mode.WRAP, url, pg.user(), pg.password(), THRESHOLD, 4, Duration.ofSeconds(2), toClose);
    Workload w = new Workload();
    AtomicLong terminated = new AtomicLong();

    runWorkers(ds, 4, Duration.ofMillis(3000), w, () -> {
      try (Connection admin = pg.connect(pg.rawUrl());
          PreparedStatement ps = admin.prepareStatement(
              "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
        for (int i = 0; i < 3; i++) {
          Thread.sleep(500);
          ps.setString(1, marker);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            terminated.addAndGet(rs.getLong(1));
          }
        }
        w.recovered = true;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });

    assertThat(w.wrong.get()).isNull();
    assertThat(terminated.get()).as("backends terminated").isPositive();
    assertThat(w.successesAfterRecovery.get()).isPositive();
    assertClean(w.borrows.get(), w.returns.get());
  }

  @Test
  void closeThatThrowsStillEndsTheLeaseAndTheDriversExceptionReachesTheApplication() throws Exception {
    DataSource ds = LeashDataSource.wrap(new FakeJdbc.FailingCloseDataSource(marker),
        LeashConfig.builder().leakThreshold(THRESHOLD).build());
    Connection c = ds.getConnection();
    c.setAutoCommit(true);
    assertThatThrownBy(c::close).isInstanceOf(SQLException.class).hasMessage("fake close failed")
        .satisfies(FaultsTest::assertNotLeash);
    assertThatThrownBy(c::close).hasMessage("fake close failed");

    // URL mode over a driver whose connections fail at close().
    FakeJdbc.FailingCloseDriver driver = new FakeJdbc.FailingCloseDriver();
    DriverManager.registerDriver(driver);
    toClose.add(() -> DriverManager.deregisterDriver(driver));
    Connection d = DriverManager.getConnection("jdbc:leash:fakeclose:" + marker);
    assertThatThrownBy(d::close).hasMessage("fake close failed");
    Connection e = DriverManager.getConnection("jdbc:leash:fakeclose:" + marker);
    assertThatThrownBy(() -> e.abort(Runnable::run)).hasMessage("fake abort failed");

    assertClean(3, 3);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void abortDoubleCloseAndCloseFromAnotherThreadKeepCountsExact(Mode mode) throws Exception {
    DataSource ds = Soak.open(Pool.HIKARI, mode, "jdbc:h2:mem:" + marker + ";DB_CLOSE_DELAY=-1", "sa", "", THRESHOLD, 4,
        Duration.ofSeconds(2), toClose);

    Connection aborted = ds.getConnection();
    aborted.setAutoCommit(true);
    aborted.abort(Runnable::run);
    aborted.close(); // after abort the application still closes, as pools expect

    Connection twice = ds.getConnection();
    twice.setAutoCommit(true);
    twice.close();
    twice.close();

    Connection handedOver = ds.getConnection();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try (PreparedStatement ps = handedOver.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        handedOver.close();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "other-thread");
    other.start();
    other.join(5_000);
    assertThat(failure.get()).isNull();

    // The pool still works, and this thread is not taken for one holding a connection (no nested report).
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
      ps.executeQuery().close();
    }
    assertClean(4, 4);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void threadInterruptedWhileWaitingForThePool(Mode mode) throws Exception {
    DataSource ds = Soak.open(Pool.HIKARI, mode, "jdbc:h2:mem:" + marker + ";DB_CLOSE_DELAY=-1", "sa", "", THRESHOLD, 1,
        Duration.ofSeconds(10), toClose);
    Connection held = ds.getConnection();
    held.setAutoCommit(true);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        ds.getConnection().close();
      } catch (Throwable t) {
        thrown.set(t);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    }, "waiter");
    waiter.start();
    Thread.sleep(300);
    waiter.interrupt();
    waiter.join(5_000);

    assertThat(thrown.get()).isInstanceOf(SQLException.class).satisfies(FaultsTest::assertNotLeash);
    assertThat(stillInterrupted.get()).as("interrupt status kept for the application").isTrue();
    held.close();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
    }
    assertClean(2, 2);
    assertThat(logs.events()).filteredOn(e -> String.valueOf(kv(e, "pool")).contains(marker) || Soak.about(marker).test(e))
        .extracting(e -> kv(e, "event")).doesNotContain("pool.exhausted", "pool.wait.slow");
  }
}
