package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.LogCapture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the pool scenario tests share, as a JUnit extension ({@code @RegisterExtension final PoolScenario scenario =
 * new PoolScenario("nested_")}): before each test, a name of its own (the H2 database and the pool are named after
 * it, so a test reads only its own reports) and the captured log; after it (after the test's own
 * {@code @AfterEach}), the scenario's threads are interrupted and joined, the connections it kept and the pools it
 * opened closed. And a HikariCP pool over H2 with Leash in front of it in either {@link Mode}.
 */
final class PoolScenario implements BeforeEachCallback, AfterEachCallback {

  /** How Leash is put in front of the pool. */
  enum Mode { WRAPPED, URL }

  /** A scenario thread's work; what it throws (pool timeouts, interrupts at tear-down) is the scenario's. */
  interface Body {
    void run() throws Exception;
  }

  private final String prefix;
  LogCapture logs;
  String name;
  /** Connections the scenario keeps open on purpose (leaks); closed at the end. */
  final List<Connection> held = new CopyOnWriteArrayList<>();
  /** The pools the scenario opened; closed last. */
  final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /** @param prefix what the test's scenarios are called; the test's method and display name follow, then a unique suffix */
  PoolScenario(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeEach(ExtensionContext test) {
    logs = new LogCapture();
    name = (prefix + test.getRequiredTestMethod().getName() + "_" + test.getDisplayName()).replaceAll("\\W", "")
        + "_" + System.nanoTime();
  }

  /** Reports about this scenario's database (its {@code db} key-value names it). */
  Predicate<ILoggingEvent> byDb() {
    return e -> String.valueOf(kv(e, "db")).contains(name);
  }

  /** Reports about this scenario's pool (its {@code pool} key-value is the name). */
  Predicate<ILoggingEvent> byPool() {
    return e -> String.valueOf(kv(e, "pool")).equals(name);
  }

  /**
   * A HikariCP pool of {@code max} over a new H2 database, with Leash in front of it the way {@code mode} says and
   * {@code leash}'s settings (URL mode: those that differ from the defaults, as connection properties).
   */
  DataSource hikari(Mode mode, int max, long timeoutMs, LeashConfig leash) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    // Create the database first: on a busy machine that can take longer than the pool's timeout.
    DriverManager.getConnection(url).close();
    if (mode == Mode.WRAPPED) {
      return LeashDataSource.wrap(Pools.HIKARI.create(name, url, max, timeoutMs, toClose), leash);
    }
    Properties p = new Properties();
    Map<String, String> defaults = LeashConfig.defaults().describe();
    leash.describe().forEach((k, v) -> {
      if (!v.equals(defaults.get(k))) {
        p.setProperty(k, v);
      }
    });
    return Pools.HIKARI.create(name, "jdbc:leash:" + url.substring("jdbc:".length()), max, timeoutMs, p, toClose);
  }

  /**
   * The nested-acquisition scenarios' pool: {@link #hikari} with a 1.5 s timeout (on a loaded 2-core machine,
   * threads can take hundreds of ms to reach their next step), the given leak threshold and a 200 ms wait
   * threshold, its connections opened before the scenario: a cold pool growing on a busy machine makes the
   * first waits slow for a reason of its own, reported before the scenario has taken shape.
   */
  DataSource warmHikari(Mode mode, int max, long leakThresholdMs) throws SQLException {
    DataSource ds = hikari(mode, max, 1500, LeashConfig.builder().leakThreshold(Duration.ofMillis(leakThresholdMs))
        .poolWaitThreshold(Duration.ofMillis(200)).build());
    List<Connection> warm = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      warm.add(ds.getConnection());
    }
    for (Connection c : warm) {
      c.close();
    }
    return ds;
  }

  /** Starts a daemon thread running {@code body}; the end of the test interrupts it and waits for it. */
  Thread start(String threadName, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Exception e) {
        // scenario threads time out in the pool or are interrupted at the end: the assertions are on Leash's reports
      }
    }, threadName);
    t.setDaemon(true);
    t.start();
    threads.add(t);
    return t;
  }

  /** Waits up to 10 s for {@code latch}, keeping an interrupt for the caller to see. */
  static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void afterEach(ExtensionContext test) throws Exception {
    logs.close();
    for (Thread t : threads) {
      t.interrupt();
      t.join(5000);
    }
    for (Connection c : held) {
      c.close();
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }
}
