package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.config.LeashConfig;
import dev.leash.it.pool.PoolScenario.Mode;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 10: nested acquisitions (the pool deadlock) and what each holder is doing right now. */
class NestedAndHoldersNowTest {

  @RegisterExtension
  final PoolScenario scenario = new PoolScenario("nested_");

  /** Wrapped HikariCP; 1.5 s: on a loaded 2-core CI machine, threads can take hundreds of ms to reach their next step. */
  private DataSource pool(int max) throws SQLException {
    return scenario.hikari(Mode.WRAPPED, max, 1500, LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).build());
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
    return SourceLines.of("src/test/java/dev/leash/it/pool/NestedAndHoldersNowTest.java", marker);
  }

  @Test
  void nestedAcquisitionsDeadlockThePoolAndAreDiagnosedAsSuch() throws Exception {
    DataSource ds = pool(4);
    CountDownLatch allHoldOne = new CountDownLatch(4);
    for (int i = 0; i < 8; i++) {
      scenario.start("request-" + i, () -> {
        try {
          placeOrder(ds, allHoldOne);
        } catch (SQLException | InterruptedException expected) {
          // four of them time out: that is the scenario
        }
      });
    }
    List<ILoggingEvent> reports = scenario.logs.await("pool.exhausted", scenario.byPool(), 1, 10);
    assertThat(reports).isNotEmpty();
    ILoggingEvent e = reports.get(0);
    assertThat(kv(e, "diagnosis")).isEqualTo("nested_acquisition");
    assertThat(e.getFormattedMessage())
        .contains("waiting threads already hold a connection of this pool (taken at " + OUTER + ") and wait for a second at " + INNER)
        .contains("a bigger pool only postpones it");

    List<ILoggingEvent> nested = scenario.logs.named("connection.nested", scenario.byPool());
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

    List<ILoggingEvent> nested = scenario.logs.await("connection.nested", scenario.byPool(), 1, 5);
    Thread.sleep(200);
    nested = scenario.logs.named("connection.nested", scenario.byPool());
    assertThat(nested).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getLoggerName()).isEqualTo("leash.pool");
      assertThat(e.getFormattedMessage()).contains("taken at " + OUTER).contains("asks for another at " + INNER);
    });
    assertThat(scenario.logs.named("pool.exhausted", scenario.byPool())).isEmpty();
  }

  @Test
  void holdersReportShowsWhatEachHolderThreadIsDoingNow() throws Exception {
    DataSource ds = pool(2);
    CountDownLatch holding = new CountDownLatch(2);
    scenario.start("sleeper", () -> holdWhile(ds, holding, () -> Thread.sleep(30_000)));
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      scenario.start("caller", () -> holdWhile(ds, holding, () -> {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort()); InputStream in = s.getInputStream()) {
          s.setSoTimeout(30_000);
          in.read(); // the remote service never answers
        }
      }));
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300);
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

      String report = scenario.logs.await("pool.exhausted", scenario.byPool(), 1, 5).get(0).getFormattedMessage();
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
    Thread t = scenario.start("short-lived", () -> {
      Connection c = ds.getConnection();
      c.setAutoCommit(true); // taken and never closed; then the thread ends
    });
    t.join(5000);
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    String report = scenario.logs.await("pool.exhausted", scenario.byPool(), 1, 5).get(0).getFormattedMessage();
    assertThat(report).contains("1 holder's thread has ended without returning the connection (thread ended): a certain leak");
  }

  private static void holdWhile(DataSource ds, CountDownLatch holding, PoolScenario.Body body) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      holding.countDown();
      body.run();
    }
  }
}
