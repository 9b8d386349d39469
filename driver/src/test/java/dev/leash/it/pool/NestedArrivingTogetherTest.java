package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.pool.NestedAcquisitionTest.AuditLog;
import dev.leash.it.pool.NestedAcquisitionTest.OrderService;
import dev.leash.it.pool.PoolScenario.Mode;
import dev.leash.testing.Spinners;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Issue 16: eight requests arrive at once at a pool of four, each opening a {@code REQUIRES_NEW} transaction
 * inside its own, on a machine with every core busy (one more spinner than cores), several rounds. The first
 * wait passes the threshold while the holders are still on their way to their second {@code getConnection()}:
 * nothing had been returned to the pool, yet the report said {@code pool_too_small} and advised a bigger pool.
 * The first {@code pool.exhausted} must say {@code nested_acquisition}. ({@link NestedAcquisitionTest} lets the
 * holders into their transactions first; this is the same deadlock without that head start.)
 */
@ExtendWith(Spinners.EveryCoreBusy.class)
class NestedArrivingTogetherTest {

  private static final int ROUNDS = 4;

  @RegisterExtension
  final PoolScenario scenario = new PoolScenario("nestedtogether_");

  static Stream<Arguments> rounds() {
    List<Arguments> all = new ArrayList<>();
    for (Mode m : Mode.values()) {
      IntStream.rangeClosed(1, ROUNDS).forEach(r -> all.add(Arguments.of(m, r)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} round {1}")
  @MethodSource("rounds")
  void eightArrivingTogetherAtAPoolOfFourDeadlockAndTheFirstReportSaysSo(Mode mode, int round) throws Exception {
    DataSourceTransactionManager tm = new DataSourceTransactionManager(scenario.warmHikari(mode, 4, 30_000));
    OrderService orders = new OrderService(tm, new AuditLog(tm));
    CountDownLatch allInATransaction = new CountDownLatch(4);
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 8; i++) {
      scenario.start("order-" + i, () -> {
        go.await();
        orders.place(allInATransaction);
      });
    }
    go.countDown();
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("nested_acquisition");
  }
}
