package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.pool.PoolScenario.Mode;
import dev.leash.testing.Spinners;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, point 2: an outage happens on a loaded machine. The exhaustion scenarios (a leak, an
 * undersized pool, a nested acquisition) run in wrapped and URL mode while spinning threads keep every
 * core busy (one more spinner than cores), three rounds each; every round must give the right diagnosis,
 * and the leak's report must come within 6 s of the first failing getConnection(). (The agent's busy
 * variant is {@code PoolExhaustedIT}.)
 */
@ExtendWith(Spinners.EveryCoreBusy.class)
class BusyMachineExhaustionTest {

  private static final int ROUNDS = 3;
  private static final long TIMEOUT_MS = 500;

  enum Scenario { LEAK, UNDERSIZED, NESTED }

  static Stream<Arguments> rounds() {
    List<Arguments> all = new ArrayList<>();
    for (Scenario s : Scenario.values()) {
      for (Mode m : Mode.values()) {
        IntStream.rangeClosed(1, ROUNDS).forEach(r -> all.add(Arguments.of(s, m, r)));
      }
    }
    return all.stream();
  }

  @RegisterExtension
  final PoolScenario scenario = new PoolScenario("busy_");

  @ParameterizedTest(name = "{0} {1} round {2}")
  @MethodSource("rounds")
  void diagnosisHoldsWithEveryCoreBusy(Scenario scenario, Mode mode, int round) throws Exception {
    switch (scenario) {
      case LEAK:
        leak(mode);
        break;
      case UNDERSIZED:
        undersized(mode);
        break;
      default:
        nested(mode);
    }
  }

  /** The leak site. */
  private void takeAndKeep(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // BUSY_LEAK
    scenario.held.add(c);
  }

  private void leak(Mode mode) throws Exception {
    DataSource ds = pool(mode, 5);
    for (int i = 0; i < 5; i++) {
      takeAndKeep(ds);
    }
    Thread.sleep(700); // past the 300 ms leak threshold
    long first = System.currentTimeMillis();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    }
    List<ILoggingEvent> reports = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, (int) Math.max(1, 6 - (System.currentTimeMillis() - first) / 1000));
    assertThat(reports).as("a pool.exhausted within 6 s of the first failing getConnection()").isNotEmpty();
    ILoggingEvent e = reports.get(0);
    assertThat(e.getTimeStamp() - first).isLessThan(6000);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("leak");
    assertThat(e.getFormattedMessage()).contains("by " + getClass().getName() + ".takeAndKeep(BusyMachineExhaustionTest.java:"
        + SourceLines.of("src/test/java/dev/leash/it/pool/BusyMachineExhaustionTest.java", "// BUSY_LEAK") + ")");
    assertThat(scenario.logs.named("connection.nested", scenario.byDb())).isEmpty();
  }

  private void undersized(Mode mode) throws Exception {
    DataSource ds = pool(mode, 3);
    AtomicInteger timeouts = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> shoppers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int k = 0; k < 4; k++) {
          try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CALL SLEEP(60)");
          } catch (SQLException e) {
            timeouts.incrementAndGet();
          }
        }
      }, "shopper-" + i);
      t.start();
      shoppers.add(t);
    }
    go.countDown();
    for (Thread t : shoppers) {
      t.join(TimeUnit.MINUTES.toMillis(2));
    }
    assertThat(timeouts.get()).as("the scenario must actually exhaust the pool").isPositive();
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 5).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("pool_too_small");
  }

  private void nested(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 4, 30_000);
    CountDownLatch allHoldOne = new CountDownLatch(4);
    for (int i = 0; i < 8; i++) {
      // The deadlock ends in timeouts: that is the scenario.
      scenario.start("transfer-" + i, () -> NestedAcquisitionTest.transfer(ds, allHoldOne));
    }
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("nested_acquisition");
    assertThat(scenario.logs.await("connection.nested", scenario.byDb(), 1, 5)).isNotEmpty();
  }

  /** A HikariCP pool with the scenarios' settings: leak threshold 300 ms, wait threshold 200 ms, timeout 500 ms. */
  private DataSource pool(Mode mode, int max) throws SQLException {
    DataSource ds = scenario.hikari(mode, max, TIMEOUT_MS, dev.leash.config.LeashConfig.builder()
        .leakThreshold(java.time.Duration.ofMillis(300)).poolWaitThreshold(java.time.Duration.ofMillis(200)).build());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
    }
    return ds;
  }
}
