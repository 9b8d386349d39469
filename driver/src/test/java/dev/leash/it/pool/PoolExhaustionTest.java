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
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pool-exhaustion scenarios of issue 5: a leak, an undersized pool, slow queries, a database that is
 * down, and a storm of timeouts, on real pools over H2, in both modes that put Leash in front of a pool's
 * users without an agent: {@code LeashDataSource.wrap(pool)}, and the pool over a {@code jdbc:leash:} URL
 * (where the pool's waits are found by the watchdog, not seen; the agent's run is {@code PoolExhaustedIT}).
 */
class PoolExhaustionTest {

  private static final long TIMEOUT_MS = 500;

  /** How Leash is put in front of the pool. */
  enum Mode {
    /** {@code LeashDataSource.wrap(pool)}: every getConnection() is seen. */
    WRAPPED,
    /** The pool's JDBC URL is {@code jdbc:leash:...}; Leash's keys are the pool's connection properties. */
    URL
  }

  /** Every pool in wrapped mode; the pools whose borrows URL mode tracks (HikariCP, DBCP2) in URL mode. */
  static Stream<Arguments> modesAndPools() {
    return Stream.of(
        Arguments.of(Mode.WRAPPED, Pools.HIKARI), Arguments.of(Mode.WRAPPED, Pools.DBCP2), Arguments.of(Mode.WRAPPED, Pools.C3P0),
        Arguments.of(Mode.URL, Pools.HIKARI), Arguments.of(Mode.URL, Pools.DBCP2));
  }

  static Stream<Arguments> hikariInEachMode() {
    return Stream.of(Arguments.of(Mode.WRAPPED, Pools.HIKARI), Arguments.of(Mode.URL, Pools.HIKARI));
  }

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

  private DataSource pooled(Mode mode, Pools pool, int max, Settings settings) throws SQLException {
    return pooled(mode, pool, max, TIMEOUT_MS, settings);
  }

  private DataSource pooled(Mode mode, Pools pool, int max, long timeoutMs, Settings settings) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    // Create the database first: on a busy machine that can take longer than the pool's 500 ms timeout.
    java.sql.DriverManager.getConnection(url).close();
    DataSource ds = open(mode, pool, url, max, timeoutMs, settings);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
    }
    return ds;
  }

  private DataSource open(Mode mode, Pools pool, String rawUrl, int max, long timeoutMs, Settings settings) {
    if (mode == Mode.WRAPPED) {
      return LeashDataSource.wrap(pool.create(name, rawUrl, max, timeoutMs, toClose), settings.config());
    }
    return pool.create(name, "jdbc:leash:" + rawUrl.substring("jdbc:".length()), max, timeoutMs, settings.properties(), toClose);
  }

  private Predicate<ILoggingEvent> mine() {
    return e -> String.valueOf(kv(e, "db")).contains(name);
  }

  private static Settings settings() {
    return new Settings(Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** Leash's settings of these scenarios, as a LeashConfig (wrapped mode) or as connection properties (URL mode). */
  private static final class Settings {
    final Duration waitThreshold;
    final Duration reportInterval;

    Settings(Duration waitThreshold, Duration reportInterval) {
      this.waitThreshold = waitThreshold;
      this.reportInterval = reportInterval;
    }

    LeashConfig config() {
      return LeashConfig.builder().leakThreshold(Duration.ofMillis(300)).poolWaitThreshold(waitThreshold)
          .reportInterval(reportInterval).build();
    }

    Properties properties() {
      Properties p = new Properties();
      p.setProperty("leash.leak.threshold", "300ms");
      p.setProperty("leash.pool.wait.threshold", waitThreshold.toMillis() + "ms");
      p.setProperty("leash.report.interval", reportInterval.toMillis() + "ms");
      return p;
    }
  }

  /** Application code that takes a connection and keeps it (the leak site). */
  private Connection takeAndKeep(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // LEAK_LINE
    held.add(c);
    return c;
  }

  private static final int LEAK_LINE = 140;

  @ParameterizedTest
  @MethodSource("modesAndPools")
  void leakIsDiagnosedAsLeakNamingTheSite(Mode mode, Pools pool) throws Exception {
    DataSource ds = pooled(mode, pool, 5, settings());
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
    System.out.printf("first pool.exhausted (%s, %s, leak) logged %d ms after the first failing getConnection() began (timeout %d ms)%n",
        mode, pool, reports.isEmpty() ? -1 : reports.get(0).getTimeStamp() - firstAttempt, TIMEOUT_MS);
    Thread.sleep(200);

    reports = logs.named("pool.exhausted", mine());
    assertThat(reports).as("one report per interval, not one per timeout").hasSize(1);
    ILoggingEvent e = reports.get(0);
    String site = getClass().getName() + ".takeAndKeep(PoolExhaustionTest.java:" + LEAK_LINE + ")";
    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
    assertThat(e.getLoggerName()).isEqualTo("leash.pool");
    assertThat(kv(e, "diagnosis")).isEqualTo("leak");
    assertThat(kv(e, "in_use")).isEqualTo(5);
    // URL mode cannot see the pool's setting; the diagnosis counts the connections in use instead.
    assertThat(kv(e, "max")).isEqualTo(mode == Mode.WRAPPED ? 5 : -1);
    assertThat((Integer) kv(e, "waiting")).isPositive();
    assertThat(e.getFormattedMessage())
        .contains("Diagnosis leak: 5 of 5 connections held idle for")
        .contains("by " + site)
        .contains("5 x " + site);
    assertThat(logs.named("connection.nested", mine()))
        .as("a thread that leaked earlier and asks again is not a nested acquisition").isEmpty();
  }

  /**
   * Issue 15 through a pool that runs dry: every service takes its connections through one helper; two paths leak.
   * The holders are grouped by path and the diagnosis names the path that holds the most, not the helper alone.
   */
  @ParameterizedTest
  @MethodSource("modesAndPools")
  void leakThroughAHelperIsDiagnosedAndGroupedByPath(Mode mode, Pools pool) throws Exception {
    DataSource ds = pooled(mode, pool, 3, settings());
    dev.leash.it.shop.BrowseService browse = new dev.leash.it.shop.BrowseService(ds);
    for (int i = 0; i < 200; i++) {
      browse.browse();
    }
    dev.leash.it.shop.CheckoutService checkout = new dev.leash.it.shop.CheckoutService(ds);
    held.add(checkout.checkout());
    held.add(checkout.checkout());
    held.add(new dev.leash.it.shop.SearchService(ds).openCursor());
    Thread.sleep(700); // past the leak threshold, so the holders are idle leases
    // Ask until the pool is reported dry: in URL mode the watchdog has to catch a waiting thread in the act,
    // which a saturated machine can delay past one 500 ms wait. This test is about what the report names.
    for (int i = 0; i < 10 && logs.named("pool.exhausted", mine()).isEmpty(); i++) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    }

    ILoggingEvent e = logs.await("pool.exhausted", mine(), 1, 5).get(0);
    String site = "dev.leash.it.shop.Db.open(Db.java:" + dev.leash.it.shop.Db.OPEN_LINE + ")";
    String checkoutPath = site + " <- dev.leash.it.shop.CheckoutService.checkout(CheckoutService.java:"
        + dev.leash.it.shop.CheckoutService.CHECKOUT_LINE + ")";
    String searchPath = site + " <- dev.leash.it.shop.SearchService.openCursor(SearchService.java:"
        + dev.leash.it.shop.SearchService.KEEP_LINE + ")";
    assertThat(kv(e, "diagnosis")).isEqualTo("leak");
    assertThat(e.getFormattedMessage())
        .contains("Diagnosis leak: 3 of 3 connections held idle for").contains("by " + checkoutPath + " (1 more idle elsewhere)")
        .contains("2 x " + checkoutPath).contains("1 x " + searchPath)
        .doesNotContain("BrowseService");
  }

  /** Takes a connection and drops it without close(): only the garbage collector will know. */
  private static void takeAndDrop(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // DROP_LINE
  }

  @ParameterizedTest
  @EnumSource(value = Pools.class, names = {"HIKARI", "DBCP2"})
  void connectionsLostToTheGarbageCollectorAreDiagnosedAsLeak(Pools pool) throws Exception {
    // Wrapped mode only: in URL mode Leash never sees the object the application drops.
    DataSource ds = pooled(Mode.WRAPPED, pool, 3, settings());
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
  @MethodSource("modesAndPools")
  void undersizedPoolIsDiagnosedPoolTooSmallWithPeakDemandAndSuggestion(Mode mode, Pools pool) throws Exception {
    DataSource ds = pooled(mode, pool, 3, settings());
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
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("pool_too_small");
    String msg = e.getFormattedMessage();
    if (mode == Mode.WRAPPED) {
      assertThat(kv(e, "max")).isEqualTo(3);
    } else {
      assertThat(msg).contains("against the 3 connections the pool has open");
    }
    int peak = Integer.parseInt(msg.replaceAll("(?s).*peak demand (\\d+) .*", "$1"));
    int suggested = Integer.parseInt(msg.replaceAll("(?s).*Suggested maximum: (\\d+)\\..*", "$1"));
    assertThat(peak).isGreaterThan(3);
    assertThat(suggested).isGreaterThan(3);
  }

  @ParameterizedTest
  @MethodSource("hikariInEachMode")
  void slowQueriesAreDiagnosedSlowQueries(Mode mode, Pools pool) throws Exception {
    DataSource ds = pooled(mode, pool, 5, settings());
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
  @MethodSource("hikariInEachMode")
  void unreachableDatabaseIsDiagnosedDatabaseUnavailable(Mode mode, Pools pool) throws Exception {
    // Port 1 on loopback refuses connections.
    DataSource ds = open(mode, pool, "jdbc:h2:tcp://127.0.0.1:1/mem:" + name, 2, TIMEOUT_MS, settings());
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

    List<ILoggingEvent> reports = logs.await("pool.exhausted", mine(), 1, 5);
    assertThat(reports).singleElement().satisfies(e -> {
      assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("database_unavailable");
      // Wrapped: the pool timed out below its maximum. URL mode: the driver saw the connects fail, and why.
      assertThat(e.getFormattedMessage()).contains(mode == Mode.WRAPPED
          ? "cannot open new connections" : "The pool cannot open connections to jdbc:h2:tcp://127.0.0.1:1/mem:" + name + ": ");
    });
  }

  @ParameterizedTest
  @MethodSource("hikariInEachMode")
  void stormOfTimeoutsGivesOneReportPerIntervalWithSuppressedCount(Mode mode, Pools pool) throws Exception {
    // HikariCP's shortest timeout, 250 ms: 100 threads make the 1,000 timeouts in about 2.5 s. URL mode
    // must see a wait past the threshold in its samples, so the threshold is well below the timeout.
    DataSource ds = pooled(mode, pool, 1, 250, new Settings(Duration.ofMillis(100), Duration.ofSeconds(2)));
    takeAndKeep(ds);
    AtomicInteger timeouts = new AtomicInteger();
    long start = System.nanoTime();
    runConcurrently(100, () -> {
      while (timeouts.get() < 1_000) {
        try (Connection c = ds.getConnection()) {
          throw new AssertionError("the pool has no free connection");
        } catch (SQLException e) {
          timeouts.incrementAndGet();
        }
      }
    });
    long stormMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Thread.sleep(300);
    List<ILoggingEvent> reports = logs.named("pool.exhausted", mine());
    System.out.printf("storm (%s): %d timeouts in %d ms, %d reports%n", mode, timeouts.get(), stormMillis, reports.size());
    assertThat(timeouts.get()).isGreaterThanOrEqualTo(1_000);
    // One per 2 s interval, plus the first.
    assertThat(reports).hasSizeBetween(1, (int) (stormMillis / 2_000) + 2);
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
