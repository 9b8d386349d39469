package dev.leash.it;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
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
