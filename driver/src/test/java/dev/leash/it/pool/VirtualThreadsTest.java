package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.pool.PoolScenario.Mode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16, point 3: request handlers on virtual threads ({@code spring.threads.virtual.enabled=true}).
 * A leak, an undersized pool and a nested acquisition, on HikariCP in wrapped and URL mode, every
 * application thread a virtual one without a name: reports name them {@code virtual#<id>}, URL mode finds
 * the waiters (which {@code ThreadMXBean} does not list) through the JDK's thread dump, and the holders'
 * current frames are read from the virtual threads. Runs on JDK 21+: the build runs this class again on
 * the JDK in {@code LEASH_JDK25_HOME}; on the default JDK 17 it is skipped.
 */
class VirtualThreadsTest {

  private ExecutorService virtualThreads;

  @RegisterExtension
  final PoolScenario scenario = new PoolScenario("virtual_");

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21,
        "virtual threads need JDK 21+; this is JDK " + Runtime.version().feature() + " (the build runs this test on LEASH_JDK25_HOME)");
    // Executors.newVirtualThreadPerTaskExecutor(), called reflectively: the tests compile for Java 11.
    virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (virtualThreads == null) {
      return;
    }
    virtualThreads.shutdownNow();
    virtualThreads.awaitTermination(10, TimeUnit.SECONDS);
  }

  private void onVirtualThreads(int count, PoolScenario.Body body) {
    for (int i = 0; i < count; i++) {
      virtualThreads.submit(() -> {
        body.run();
        return null;
      });
    }
  }

  /** The leak site. */
  private void takeAndKeep(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // VT_LEAK
    scenario.held.add(c);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void leakOnVirtualThreadsIsDiagnosedAndNamesTheThreads(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 4, 300);
    CountDownLatch leaked = new CountDownLatch(4);
    onVirtualThreads(4, () -> {
      takeAndKeep(ds);
      leaked.countDown();
    });
    assertThat(leaked.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(500); // past the leak threshold
    onVirtualThreads(3, () -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(true);
      }
    });
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("leak");
    String site = getClass().getName() + ".takeAndKeep(VirtualThreadsTest.java:"
        + SourceLines.of("src/test/java/dev/leash/it/pool/VirtualThreadsTest.java", "// VT_LEAK") + ")";
    assertThat(e.getFormattedMessage()).contains("by " + site).containsPattern("threads: virtual#\\d+");
    assertThat(String.valueOf(kv(e, "thread"))).as("the waiting thread, named").matches("virtual#\\d+");
    List<ILoggingEvent> leaks = scenario.logs.await("connection.leak.suspected", scenario.byDb(), 1, 5);
    assertThat(String.valueOf(kv(leaks.get(0), "thread"))).matches("virtual#\\d+");
    assertThat(leaks.get(0).getFormattedMessage()).containsPattern("by thread virtual#\\d+ ");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void undersizedPoolOnVirtualThreadsIsPoolTooSmall(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 3, 30_000);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
    }
    AtomicInteger done = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(30);
    onVirtualThreads(30, () -> {
      try {
        for (int k = 0; k < 4; k++) {
          try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CALL SLEEP(30)"); // short next to the 200 ms wait threshold: busy, short-lived holders
            done.incrementAndGet();
          } catch (SQLException timeout) {
            // the pool is too small: that is the scenario
          }
        }
      } finally {
        all.countDown();
      }
    });
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 15).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("pool_too_small");
    assertThat(String.valueOf(kv(e, "thread"))).matches("virtual#\\d+");
    all.await(60, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedAcquisitionOnVirtualThreadsIsDiagnosedFromTheHoldersCurrentFrames(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 4, 30_000);
    CountDownLatch allHoldOne = new CountDownLatch(4);
    onVirtualThreads(8, () -> NestedAcquisitionTest.transfer(ds, allHoldOne));
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("nested_acquisition");
    assertThat(e.getFormattedMessage())
        .containsPattern("now, thread virtual#\\d+ \\((WAITING|TIMED_WAITING)\\):")
        .contains("at " + NestedAcquisitionTest.class.getName() + ".transfer(NestedAcquisitionTest.java:"
            + NestedAcquisitionTest.lineOf("// SAME_INNER_TAKE") + ")   <- application");
    ILoggingEvent nested = scenario.logs.await("connection.nested", scenario.byDb(), 1, 5).get(0);
    assertThat(String.valueOf(kv(nested, "thread"))).matches("virtual#\\d+");
  }
}
