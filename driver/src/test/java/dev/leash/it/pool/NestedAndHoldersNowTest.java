package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.LogCapture;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Issue 10: nested acquisitions (the pool deadlock) and what each holder is doing right now. */
class NestedAndHoldersNowTest {

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private LogCapture logs;
  private String name;

  @BeforeEach
  void setUp(TestInfo info) {
    logs = new LogCapture();
    name = "nested_" + info.getTestMethod().get().getName() + "_" + System.nanoTime();
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (Thread t : threads) {
      t.interrupt();
      t.join(5000);
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private DataSource pool(int max) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    // Create the database first: on a busy machine that can take longer than the pool's 500 ms timeout.
    java.sql.DriverManager.getConnection(url).close();
    // 1.5 s: on a loaded 2-core CI machine, threads can take hundreds of ms to reach their next step.
    DataSource raw = Pools.HIKARI.create(name, url, max, 1500, toClose);
    return LeashDataSource.wrap(raw, LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).build());
  }

  private Predicate<ILoggingEvent> mine() {
    return e -> String.valueOf(kv(e, "pool")).equals(name);
  }

  /** The service method: holds a connection (OUTER_LINE) and calls the DAO, which takes its own (INNER_LINE). */
  static void placeOrder(DataSource ds, CountDownLatch allHoldOne) throws SQLException, InterruptedException {
    try (Connection outer = ds.getConnection()) { // OUTER_LINE
      allHoldOne.countDown();
      allHoldOne.await(10, TimeUnit.SECONDS);
      audit(ds);
    }
  }

  static void audit(DataSource ds) throws SQLException {
    try (Connection inner = ds.getConnection()) { // INNER_LINE
      inner.isValid(1);
    }
  }

  private static final String OUTER = NestedAndHoldersNowTest.class.getName() + ".placeOrder(NestedAndHoldersNowTest.java:"
      + lineOf("// OUTER_LINE") + ")";
  private static final String INNER = NestedAndHoldersNowTest.class.getName() + ".audit(NestedAndHoldersNowTest.java:"
      + lineOf("// INNER_LINE") + ")";

  /** The line of this source file that ends with {@code marker}, so edits above it cannot break the expected sites. */
  private static int lineOf(String marker) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(
          java.nio.file.Paths.get("src/test/java/dev/leash/it/pool/NestedAndHoldersNowTest.java"));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).trim().endsWith(marker)) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("marker not found: " + marker);
  }

  @Test
  void nestedAcquisitionsDeadlockThePoolAndAreDiagnosedAsSuch() throws Exception {
    DataSource ds = pool(4);
    CountDownLatch allHoldOne = new CountDownLatch(4);
    for (int i = 0; i < 8; i++) {
      start("request-" + i, () -> {
        try {
          placeOrder(ds, allHoldOne);
        } catch (SQLException | InterruptedException expected) {
          // four of them time out: that is the scenario
        }
      });
    }
    List<ILoggingEvent> reports = logs.await("pool.exhausted", mine(), 1, 10);
    assertThat(reports).isNotEmpty();
    ILoggingEvent e = reports.get(0);
    assertThat(kv(e, "diagnosis")).isEqualTo("nested_acquisition");
    assertThat(e.getFormattedMessage())
        .contains("waiting threads already hold a connection of this pool (taken at " + OUTER + ") and wait for a second at " + INNER)
        .contains("a bigger pool only postpones it");

    List<ILoggingEvent> nested = logs.named("connection.nested", mine());
    assertThat(nested).as("once per pair of sites").hasSize(1);
    assertThat(kv(nested.get(0), "held_site")).isEqualTo(OUTER);
    assertThat(kv(nested.get(0), "site")).isEqualTo(INNER);
  }

  @Test
  void oneNestedCallInQuietTrafficGivesOneWarningNamingBothSites() throws Exception {
    DataSource ds = pool(4);
    CountDownLatch alone = new CountDownLatch(1);
    placeOrder(ds, alone);
    placeOrder(ds, new CountDownLatch(0));

    List<ILoggingEvent> nested = logs.await("connection.nested", mine(), 1, 5);
    Thread.sleep(200);
    nested = logs.named("connection.nested", mine());
    assertThat(nested).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getLoggerName()).isEqualTo("leash.pool");
      assertThat(e.getFormattedMessage()).contains("taken at " + OUTER).contains("asks for another at " + INNER);
    });
    assertThat(logs.named("pool.exhausted", mine())).isEmpty();
  }

  @Test
  void holdersReportShowsWhatEachHolderThreadIsDoingNow() throws Exception {
    DataSource ds = pool(2);
    CountDownLatch holding = new CountDownLatch(2);
    start("sleeper", () -> holdWhile(ds, holding, () -> Thread.sleep(30_000)));
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      start("caller", () -> holdWhile(ds, holding, () -> {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort()); InputStream in = s.getInputStream()) {
          s.setSoTimeout(30_000);
          in.read(); // the remote service never answers
        }
      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300);
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

      String report = logs.await("pool.exhausted", mine(), 1, 5).get(0).getFormattedMessage();
      assertThat(report)
          .contains("now, thread sleeper (TIMED_WAITING):")
          .contains("java.lang.Thread.sleep")
          .contains("now, thread caller (RUNNABLE):")
          .contains("<- application");
      assertThat(report).containsPattern("at (java\\.net\\.SocketInputStream|sun\\.nio\\.ch\\.NioSocketImpl)\\.");
    }
  }

  @Test
  void holderWhoseThreadEndedIsShownAsACertainLeak() throws Exception {
    DataSource ds = pool(1);
    Thread t = start("short-lived", () -> {
      Connection c = ds.getConnection();
      c.setAutoCommit(true); // taken and never closed; then the thread ends
    });
    t.join(5000);
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    String report = logs.await("pool.exhausted", mine(), 1, 5).get(0).getFormattedMessage();
    assertThat(report).contains("1 holder's thread has ended without returning the connection (thread ended): a certain leak");
  }

  interface Body {
    void run() throws Exception;
  }

  private static void holdWhile(DataSource ds, CountDownLatch holding, Body body) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      holding.countDown();
      body.run();
    }
  }

  private Thread start(String name, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (InterruptedException e) {
        // ended by tearDown
      } catch (Exception e) {
        // scenario threads may fail with pool timeouts; the assertions are on Leash's reports
      }
    }, name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
    return t;
  }
}
