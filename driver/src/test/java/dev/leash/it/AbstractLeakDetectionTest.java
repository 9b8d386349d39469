package dev.leash.it;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.shop.BaseDao;
import dev.leash.it.shop.BrowseService;
import dev.leash.it.shop.CheckoutService;
import dev.leash.it.shop.Db;
import dev.leash.it.shop.OrderDao;
import dev.leash.it.shop.OrderPages;
import dev.leash.it.shop.SearchService;
import dev.leash.testing.LogCapture;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * One leak-detection scenario suite, run in every mode (direct URL, wrapped pools, URL prefix under
 * pools), the way OpenTelemetry runs one instrumentation suite for library and agent.
 */
abstract class AbstractLeakDetectionTest {

  static final Duration THRESHOLD = Duration.ofMillis(300);

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final LeakyDao dao = new LeakyDao();
  private LogCapture logs;
  private String dbName;
  private DataSource ds;

  /** A data source in this test's mode over {@code leashUrl} / {@code rawUrl}, with the given leak threshold. */
  abstract DataSource dataSource(String rawUrl, String leashUrl, Duration leakThreshold, List<AutoCloseable> toClose)
      throws Exception;

  /** Whether the application's connection object is visible to Leash (not in URL mode under a pool). */
  boolean seesApplicationConnection() {
    return true;
  }

  @BeforeEach
  void setUp(TestInfo info) throws Exception {
    logs = new LogCapture();
    dbName = getClass().getSimpleName() + "_" + info.getTestMethod().get().getName() + "_" + System.nanoTime();
    String rest = "h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1";
    ds = dataSource("jdbc:" + rest, "jdbc:leash:" + rest, THRESHOLD, toClose);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private Predicate<ILoggingEvent> mine() {
    return e -> String.valueOf(kv(e, "db")).contains(dbName);
  }

  @Test
  void leakAtAKnownLineIsReportedOnceNamingThatLine() throws Exception {
    Connection leaked = dao.leak(ds);

    List<ILoggingEvent> suspected = logs.await("connection.leak.suspected", mine(), 1, 10);
    Thread.sleep(THRESHOLD.toMillis() * 3); // room for a wrong second report

    suspected = logs.named("connection.leak.suspected", mine());
    assertThat(suspected).hasSize(1);
    ILoggingEvent e = suspected.get(0);
    String site = "dev.leash.it.LeakyDao.leak(LeakyDao.java:" + LeakyDao.LEAK_LINE + ")";
    assertThat(e.getLevel()).isEqualTo(Level.WARN);
    assertThat(e.getLoggerName()).isEqualTo("leash.leak");
    assertThat(e.getFormattedMessage()).contains(site).startsWith("Connection leak suspected [connection.leak.suspected]: ");
    assertThat(kv(e, "site")).isEqualTo(site);
    assertThat(kv(e, "thread")).isEqualTo(Thread.currentThread().getName());
    assertThat((Long) kv(e, "held_ms")).isGreaterThanOrEqualTo(THRESHOLD.toMillis());
    assertThat((Long) kv(e, "idle_ms")).isGreaterThanOrEqualTo(THRESHOLD.toMillis());
    assertThat(kv(e, "lease_id")).isNotNull();
    assertThat(kv(e, "pool")).isNotNull();
    assertThat(e.getThrowableProxy()).as("acquisition stack attached").isNotNull();
    assertThat(e.getThrowableProxy().getStackTraceElementProxyArray())
        .anySatisfy(f -> assertThat(f.getSTEAsString()).contains("LeakyDao.java:" + LeakyDao.LEAK_LINE));

    leaked.close();
    List<ILoggingEvent> returned = logs.await("connection.leak.returned", mine(), 1, 10);
    assertThat(returned).singleElement().satisfies(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.INFO);
      assertThat(kv(r, "site")).isEqualTo(site);
    });
  }

  /**
   * Issue 15's reproduction: three services take their connections through one helper, two of them
   * 500 times each and correctly, the third leaks once. The report, its key-values and its stack must
   * send the engineer to checkout(), and must not mention the paths that closed their connections.
   */
  @Test
  void leakThroughAHelperNamesThePathThatLeakedNotTheFirstPathSeen() throws Exception {
    BrowseService browse = new BrowseService(ds);
    SearchService search = new SearchService(ds);
    for (int i = 0; i < 500; i++) {
      browse.browse();
    }
    for (int i = 0; i < 500; i++) {
      search.search("chair " + i);
    }
    Connection leaked = new CheckoutService(ds).checkout();

    ILoggingEvent e = logs.await("connection.leak.suspected", mine(), 1, 10).get(0);
    Thread.sleep(THRESHOLD.toMillis() * 2); // room for a wrong second report
    assertThat(logs.named("connection.leak.suspected", mine())).hasSize(1);

    String site = "dev.leash.it.shop.Db.open(Db.java:" + Db.OPEN_LINE + ")";
    String path = site + " <- dev.leash.it.shop.CheckoutService.checkout(CheckoutService.java:"
        + CheckoutService.CHECKOUT_LINE + ")";
    assertThat(kv(e, "site")).as("site stays the first application frame").isEqualTo(site);
    assertThat(kv(e, "path")).isEqualTo(path);
    assertThat(e.getFormattedMessage()).contains("taken at " + path).doesNotContain("BrowseService", "SearchService");
    List<String> stack = stackOf(e);
    assertThat(stack).as("the lease's own stack").anySatisfy(f -> assertThat(f).contains("CheckoutService.checkout"))
        .noneSatisfy(f -> assertThat(f).containsAnyOf("BrowseService", "SearchService"));
    assertThat(stack).anySatisfy(f -> assertThat(f).contains("Db.java:" + Db.OPEN_LINE));
    leaked.close();
  }

  /** The base-DAO shape: one DAO method, called from two pages; the page that leaks is named. */
  @Test
  void leakThroughABaseDaoNamesTheCallerBeyondTheSharedDaoMethod() throws Exception {
    OrderPages pages = new OrderPages(new OrderDao(ds));
    for (int i = 0; i < 300; i++) {
      pages.reportPage();
    }
    Connection leaked = pages.orderPage();

    ILoggingEvent e = logs.await("connection.leak.suspected", mine(), 1, 10).get(0);
    String site = "dev.leash.it.shop.BaseDao.connection(BaseDao.java:" + BaseDao.CONNECTION_LINE + ")";
    assertThat(kv(e, "site")).isEqualTo(site);
    assertThat(kv(e, "path")).as("OrderDao.find is on both paths: the first frame that differs is the page")
        .isEqualTo(site + " <- dev.leash.it.shop.OrderPages.orderPage(OrderPages.java:" + OrderPages.ORDER_PAGE_LINE + ")");
    assertThat(stackOf(e)).anySatisfy(f -> assertThat(f).contains("OrderPages.orderPage"))
        .noneSatisfy(f -> assertThat(f).contains("OrderPages.reportPage"));
    leaked.close();
  }

  /**
   * Code under a framework's package leaking on a thread with nothing else (MyBatis's tests under the agent): a real
   * line, marked as a framework frame, never the placeholder; in URL mode under a pool it is still a lease.
   */
  @Test
  void leakWithoutAnyApplicationFrameNamesTheFrameworkFrame() throws Exception {
    List<Connection> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread t = new Thread(new org.apache.ibatis.leashtest.UnclosedScript(ds, false, kept), "script-runner");
    t.start();
    t.join();

    ILoggingEvent e = logs.await("connection.leak.suspected", mine(), 1, 10).get(0);
    String site = "org.apache.ibatis.leashtest.UnclosedScript.run(UnclosedScript.java:"
        + org.apache.ibatis.leashtest.UnclosedScript.FIRST_LINE + ")";
    assertThat(String.valueOf(kv(e, "site"))).startsWith(site).contains("framework frame");
    assertThat(e.getFormattedMessage()).contains("taken at " + site).doesNotContain("no application frame:");
    for (Connection c : kept) {
      c.close();
    }
  }

  /** A helper with one caller stays as it was: no path. */
  @Test
  void helperWithOneCallerHasNoPath() throws Exception {
    Connection leaked = new CheckoutService(ds).checkout();
    ILoggingEvent e = logs.await("connection.leak.suspected", mine(), 1, 10).get(0);
    assertThat(kv(e, "site")).isEqualTo("dev.leash.it.shop.Db.open(Db.java:" + Db.OPEN_LINE + ")");
    assertThat(kv(e, "path")).isNull();
    assertThat(stackOf(e)).anySatisfy(f -> assertThat(f).contains("CheckoutService.checkout"));
    leaked.close();
  }

  private static List<String> stackOf(ILoggingEvent e) {
    assertThat(e.getThrowableProxy()).as("acquisition stack attached").isNotNull();
    List<String> frames = new ArrayList<>();
    for (ch.qos.logback.classic.spi.StackTraceElementProxy f : e.getThrowableProxy().getStackTraceElementProxyArray()) {
      frames.add(f.getSTEAsString());
    }
    return frames;
  }

  @Test
  void theLeakReportCarriesTheTraceIdOfTheRequestThatLeaked() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String spanId = "00f067aa0ba902b7";
    // Requests before it, one per shopper, each returning its connection; then the one that leaks.
    TracingFilter.doFilter("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "bob", () -> {
      dao.work(ds);
      return null;
    });
    Connection leaked = TracingFilter.doFilter(traceId, spanId, "alice", () -> dao.leak(ds));
    assertThat(org.slf4j.MDC.get("trace_id")).as("the request is over").isNull();

    ILoggingEvent e = logs.await("connection.leak.suspected", mine(), 1, 10).get(0);
    assertThat(kv(e, "trace_id")).isEqualTo(traceId);
    assertThat(kv(e, "span_id")).isEqualTo(spanId);
    assertThat(kv(e, "user")).as("only leash.context.keys are read from the MDC").isNull();
    assertThat(e.getFormattedMessage()).contains("LeakyDao.java:" + LeakyDao.LEAK_LINE)
        .endsWith(" trace_id=" + traceId + " span_id=" + spanId);

    leaked.close();
    ILoggingEvent returned = logs.await("connection.leak.returned", mine(), 1, 10).get(0);
    assertThat(kv(returned, "trace_id")).isEqualTo(traceId);
    assertThat(returned.getFormattedMessage()).endsWith(" trace_id=" + traceId + " span_id=" + spanId);
  }

  @Test
  void aLeakOutsideAnyRequestCarriesNoContext() throws Exception {
    Connection leaked = dao.leak(ds);
    ILoggingEvent e = logs.await("connection.leak.suspected", mine(), 1, 10).get(0);
    assertThat(LogCapture.kvs(e)).doesNotContainKeys("trace_id", "span_id", "traceId", "spanId", "request_id");
    assertThat(e.getFormattedMessage()).endsWith(")");
    leaked.close();
  }

  @Test
  void normalTrafficFromEightThreadsProducesNoLeakEvents() throws Exception {
    // A shared 2-core CI machine can stall one statement for a few hundred ms; this test is about
    // false leak reports, so it uses a threshold no healthy borrow/return cycle comes near.
    String db = dbName + "_traffic";
    String rest = "h2:mem:" + db + ";DB_CLOSE_DELAY=-1";
    DataSource ds = dataSource("jdbc:" + rest, "jdbc:leash:" + rest, Duration.ofSeconds(2), toClose);
    int threads = 8;
    int cycles = 1500;
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < cycles; i++) {
            dao.work(ds);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "worker-" + t);
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join(TimeUnit.MINUTES.toMillis(3));
    }
    assertThat(failure.get()).isNull();
    Thread.sleep(2500);

    assertThat(logs.events()).filteredOn(e -> String.valueOf(kv(e, "db")).contains(db))
        .extracting(e -> kv(e, "event"))
        .doesNotContain("connection.leak.suspected", "connection.leak.confirmed", "connection.held.busy");
  }

  @Test
  void longQueryPastTheThresholdIsHeldBusyNotALeak() throws Exception {
    dao.slowQuery(ds, THRESHOLD.toMillis() * 4);
    Thread.sleep(THRESHOLD.toMillis() * 2);

    assertThat(logs.named("connection.held.busy", mine())).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(String.valueOf(kv(e, "site"))).startsWith("dev.leash.it.LeakyDao.slowQuery(LeakyDao.java:");
    });
    assertThat(logs.named("connection.leak.suspected", mine())).isEmpty();
  }

  @Test
  void connectionDroppedWithoutCloseIsConfirmedAfterGc() throws Exception {
    assumeTrue(seesApplicationConnection(), "URL mode under a pool never sees the application's connection object");
    dao.dropUnclosed(ds);
    List<ILoggingEvent> confirmed = List.of();
    for (int i = 0; i < 200 && confirmed.isEmpty(); i++) {
      System.gc();
      confirmed = logs.await("connection.leak.confirmed", mine(), 1, 0);
      Thread.sleep(25);
    }
    assertThat(confirmed).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.ERROR);
      assertThat(kv(e, "site")).isEqualTo("dev.leash.it.LeakyDao.dropUnclosed(LeakyDao.java:" + LeakyDao.DROP_LINE + ")");
      assertThat(e.getThrowableProxy()).isNotNull();
    });
  }
}
