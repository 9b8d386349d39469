package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.LogCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pool-exhaustion scenarios of issue 5 through {@code LeashDataSource.wrap}: a leak, an undersized
 * pool, slow queries, a database that is down, and a storm of timeouts, on real pools over H2.
 */
class PoolExhaustionTest {

  private static final long TIMEOUT_MS = 500;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Connection> held = new ArrayList<>();
  private LogCapture logs;
  private String name;

  @BeforeEach
  void setUp(TestInfo info) {
    logs = new LogCapture();
    name = "pool_" + info.getTestMethod().get().getName() + "_" + info.getDisplayName().replaceAll("\\W", "") + "_" + System.nanoTime();
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (Connection c : held) {
      c.close();
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private DataSource wrapped(Pools pool, int max, LeashConfig config) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    // Create the database first: on a busy machine that can take longer than the pool's 500 ms timeout.
    java.sql.DriverManager.getConnection(url).close();
    DataSource raw = pool.create(name, url, max, TIMEOUT_MS, toClose);
    DataSource ds = LeashDataSource.wrap(raw, config);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
    }
    return ds;
  }

  private Predicate<ILoggingEvent> mine() {
    return e -> String.valueOf(kv(e, "db")).contains(name);
  }

  private static LeashConfig.Builder config() {
    return LeashConfig.builder().leakThreshold(Duration.ofMillis(300)).poolWaitThreshold(Duration.ofMillis(200));
  }

  /** Application code that takes a connection and keeps it (the leak site). */
  private Connection takeAndKeep(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // LEAK_LINE
    held.add(c);
    return c;
  }

  private static final int LEAK_LINE = 81;

  @ParameterizedTest
  @EnumSource(Pools.class)
  void leakIsDiagnosedAsLeakNamingTheSite(Pools pool) throws Exception {
    DataSource ds = wrapped(pool, 5, config().build());
    for (int i = 0; i < 5; i++) {
      takeAndKeep(ds);
    }
    Thread.sleep(700); // past the leak threshold, so the holders are idle leases

    long firstAttempt = System.currentTimeMillis();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    }
    List<ILoggingEvent> reports = logs.await("pool.exhausted", mine(), 1, 5);
    // Measured, not asserted: how soon after the first failing acquisition began the report was logged.
    System.out.printf("first pool.exhausted (%s, leak) logged %d ms after the first failing getConnection() began (timeout %d ms)%n",
        pool, reports.isEmpty() ? -1 : reports.get(0).getTimeStamp() - firstAttempt, TIMEOUT_MS);
    Thread.sleep(200);

    reports = logs.named("pool.exhausted", mine());
    assertThat(reports).as("one report per interval, not one per timeout").hasSize(1);
    ILoggingEvent e = reports.get(0);
    String site = getClass().getName() + ".takeAndKeep(PoolExhaustionTest.java:" + LEAK_LINE + ")";
    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
    assertThat(e.getLoggerName()).isEqualTo("leash.pool");
    assertThat(kv(e, "diagnosis")).isEqualTo("leak");
    assertThat(kv(e, "in_use")).isEqualTo(5);
    assertThat(kv(e, "max")).isEqualTo(5);
    assertThat(e.getFormattedMessage())
        .contains("Diagnosis leak: 5 of 5 connections held idle for")
        .contains("by " + site)
        .contains("5 x " + site);
    assertThat(logs.named("connection.nested", mine()))
        .as("a thread that leaked earlier and asks again is not a nested acquisition").isEmpty();
  }

  /** Takes a connection and drops it without close(): only the garbage collector will know. */
  private static void takeAndDrop(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // DROP_LINE
  }

  @ParameterizedTest
  @EnumSource(value = Pools.class, names = {"HIKARI", "DBCP2"})
  void connectionsLostToTheGarbageCollectorAreDiagnosedAsLeak(Pools pool) throws Exception {
    DataSource ds = wrapped(pool, 3, config().build());
    for (int i = 0; i < 3; i++) {
      takeAndDrop(ds);
    }
    List<ILoggingEvent> confirmed = List.of();
    for (int i = 0; i < 200 && confirmed.size() < 3; i++) {
      System.gc();
      Thread.sleep(25);
      confirmed = logs.named("connection.leak.confirmed", mine());
    }
    assertThat(confirmed).hasSize(3);

    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    ILoggingEvent e = logs.await("pool.exhausted", mine(), 1, 5).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("leak");
    assertThat(e.getFormattedMessage())
        .contains("3 of 3 connections lost for good: garbage-collected without close() (last taken at "
            + getClass().getName() + ".takeAndDrop(PoolExhaustionTest.java:")
        .contains("3 more connections are in use by the pool but lost");
  }

  @ParameterizedTest
  @EnumSource(Pools.class)
  void undersizedPoolIsDiagnosedPoolTooSmallWithPeakDemandAndSuggestion(Pools pool) throws Exception {
    DataSource ds = wrapped(pool, 3, config().build());
    AtomicInteger timeouts = new AtomicInteger();
    runConcurrently(30, () -> {
      for (int i = 0; i < 4; i++) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          s.execute("CALL SLEEP(60)");
        } catch (SQLException e) {
          timeouts.incrementAndGet();
        }
      }
    });
    assertThat(timeouts.get()).as("the scenario must actually exhaust the pool").isPositive();

    List<ILoggingEvent> reports = logs.await("pool.exhausted", mine(), 1, 5);
    assertThat(reports).isNotEmpty();
    ILoggingEvent e = reports.get(0);
    assertThat(kv(e, "diagnosis")).isEqualTo("pool_too_small");
    assertThat(kv(e, "max")).isEqualTo(3);
    String msg = e.getFormattedMessage();
    int peak = Integer.parseInt(msg.replaceAll("(?s).*peak demand (\\d+) .*", "$1"));
    int suggested = Integer.parseInt(msg.replaceAll("(?s).*Suggested maximum: (\\d+)\\..*", "$1"));
    assertThat(peak).isGreaterThan(3);
    assertThat(suggested).isGreaterThan(3);
  }

  @ParameterizedTest
  @EnumSource(value = Pools.class, names = "HIKARI")
  void slowQueriesAreDiagnosedSlowQueries(Pools pool) throws Exception {
    DataSource ds = wrapped(pool, 5, config().build());
    CountDownLatch holding = new CountDownLatch(5);
    List<Thread> holders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Thread t = new Thread(() -> {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          holding.countDown();
          s.execute("CALL SLEEP(2500)");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, "report-" + i);
      t.start();
      holders.add(t);
    }
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300);
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

    List<ILoggingEvent> reports = logs.await("pool.exhausted", mine(), 1, 5);
    assertThat(reports).singleElement().satisfies(e -> {
      assertThat(kv(e, "diagnosis")).isEqualTo("slow_queries");
      assertThat(e.getFormattedMessage()).contains("5 of 5 connections busy inside statements").contains("5 busy in a statement");
    });
    for (Thread t : holders) {
      t.join();
    }
    assertThat(logs.named("connection.leak.suspected", mine())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Pools.class, names = "HIKARI")
  void unreachableDatabaseIsDiagnosedDatabaseUnavailable(Pools pool) throws Exception {
    // Port 1 on loopback refuses connections.
    DataSource raw = pool.create(name, "jdbc:h2:tcp://127.0.0.1:1/mem:" + name, 2, TIMEOUT_MS, toClose);
    DataSource ds = LeashDataSource.wrap(raw, config().build());
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

    List<ILoggingEvent> reports = logs.await("pool.exhausted", e -> String.valueOf(kv(e, "pool")).equals(name), 1, 5);
    assertThat(reports).singleElement().satisfies(e -> {
      assertThat(kv(e, "diagnosis")).isEqualTo("database_unavailable");
      assertThat(e.getFormattedMessage()).contains("cannot open new connections");
    });
  }

  @ParameterizedTest
  @EnumSource(value = Pools.class, names = "HIKARI")
  void stormOfTimeoutsGivesOneReportPerIntervalWithSuppressedCount(Pools pool) throws Exception {
    DataSource ds = wrapped(pool, 1, config().reportInterval(Duration.ofSeconds(2)).build());
    takeAndKeep(ds);
    AtomicInteger timeouts = new AtomicInteger();
    long start = System.nanoTime();
    runConcurrently(50, () -> {
      // Each thread keeps asking until the storm has lasted 3 s: about 300 timeouts of 500 ms in all.
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
        try (Connection c = ds.getConnection()) {
          throw new AssertionError("the pool has no free connection");
        } catch (SQLException e) {
          timeouts.incrementAndGet();
        }
      }
    });
    Thread.sleep(300);
    List<ILoggingEvent> reports = logs.named("pool.exhausted", mine());
    System.out.printf("storm: %d timeouts, %d reports%n", timeouts.get(), reports.size());
    assertThat(timeouts.get()).isGreaterThan(100);
    assertThat(reports).hasSizeBetween(1, 3);
    long suppressed = reports.stream().mapToLong(e -> kv(e, "suppressed") == null ? 0 : (Long) kv(e, "suppressed")).sum();
    if (reports.size() > 1) {
      assertThat(suppressed).isPositive();
      assertThat(reports.get(1).getFormattedMessage()).contains("more reports for this pool suppressed");
    }
    assertThat(reports.size() + suppressed).isLessThanOrEqualTo(timeouts.get());
  }

  private static void runConcurrently(int threads, Runnable body) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        body.run();
      }, "shopper-" + i);
      t.start();
      all.add(t);
    }
    go.countDown();
    for (Thread t : all) {
      t.join(TimeUnit.MINUTES.toMillis(2));
    }
  }
}
