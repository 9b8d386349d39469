package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.pool.PoolScenario.Mode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16, point 1: a nested acquisition is seen and diagnosed whether the second connection is taken in
 * the same method (a later line of the same invocation), in a callee, or by Spring's
 * {@code PROPAGATION_REQUIRES_NEW} inside a transaction, in wrapped and URL mode (the agent's run is
 * {@code PoolExhaustedIT}); and a thread that leaked earlier and calls the same method again is not nested.
 * Eight threads on a HikariCP pool of four: every connection ends up held by a thread waiting for a second.
 */
class NestedAcquisitionTest {

  @RegisterExtension
  final PoolScenario scenario = new PoolScenario("nestedsame_");

  /** Both connections in one method: the second is taken while the first is still open, a few lines down. */
  static void transfer(DataSource ds, CountDownLatch allHoldOne) throws SQLException, InterruptedException {
    try (Connection from = ds.getConnection()) { // SAME_OUTER_TAKE
      from.setAutoCommit(false); // SAME_OUTER_USE
      allHoldOne.countDown();
      allHoldOne.await(10, TimeUnit.SECONDS);
      try (Connection to = ds.getConnection()) { // SAME_INNER_TAKE
        to.setAutoCommit(false);
      }
      from.rollback();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void secondConnectionInTheSameMethodIsNestedAndDeadlocksThePool(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 4, 30_000);
    CountDownLatch allHoldOne = new CountDownLatch(4);
    for (int i = 0; i < 8; i++) {
      scenario.start("transfer-" + i, () -> transfer(ds, allHoldOne));
    }
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("nested_acquisition");
    // URL mode sees a borrow at its first use, so the held connection's site is that line.
    String held = site("transfer", mode == Mode.WRAPPED ? "// SAME_OUTER_TAKE" : "// SAME_OUTER_USE");
    String inner = site("transfer", "// SAME_INNER_TAKE");
    assertThat(e.getFormattedMessage())
        .contains("waiting threads already hold a connection of this pool (taken at " + held + ") and wait for a second at " + inner)
        .contains("a bigger pool only postpones it");
    List<ILoggingEvent> nested = scenario.logs.await("connection.nested", scenario.byDb(), 1, 5);
    assertThat(kv(nested.get(0), "held_site")).isEqualTo(held);
    assertThat(kv(nested.get(0), "site")).isEqualTo(inner);
  }

  /**
   * Takes a connection for one request; on the path where {@code forget} is true it is never closed (but
   * stays reachable, parked in {@code session}, so that only Leash's age check can find it).
   */
  static void handle(DataSource ds, boolean forget, List<Connection> session) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // HANDLE_TAKE
    if (forget) {
      session.add(c);
    } else {
      c.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void threadThatLeakedEarlierAndCallsTheSameMethodAgainIsNotNested(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 4, 300);
    List<Connection> session = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      handle(ds, true, session);
    }
    Thread.sleep(500); // past the leak threshold
    try {
      handle(ds, false, session);
    } catch (SQLException expected) {
      // the pool is dry: this thread leaked every connection
    }
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("leak");
    assertThat(e.getFormattedMessage()).contains("by " + site("handle", "// HANDLE_TAKE"));
    assertThat(scenario.logs.named("connection.nested", scenario.byDb())).as("a leak followed by a new call is not a nested acquisition").isEmpty();
  }

  /** A service whose transaction calls an audit log that writes in a transaction of its own. */
  static final class OrderService {
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;

    OrderService(DataSourceTransactionManager tm, AuditLog audit) {
      this.tx = new TransactionTemplate(tm);
      this.audit = audit;
      this.jdbc = new JdbcTemplate(tm.getDataSource());
    }

    void place(CountDownLatch allInATransaction) {
      tx.executeWithoutResult(status -> { // PLACE_TX
        jdbc.queryForObject("SELECT 1", Integer.class);
        allInATransaction.countDown();
        PoolScenario.await(allInATransaction);
        audit.record();
      });
    }
  }

  static final class AuditLog {
    private final TransactionTemplate requiresNew;
    private final JdbcTemplate jdbc;

    AuditLog(DataSourceTransactionManager tm) {
      this.requiresNew = new TransactionTemplate(tm);
      requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
      this.jdbc = new JdbcTemplate(tm.getDataSource());
    }

    void record() {
      requiresNew.executeWithoutResult(status -> jdbc.queryForObject("SELECT 2", Integer.class)); // AUDIT_TX
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void requiresNewInsideATransactionIsNested(Mode mode) throws Exception {
    DataSourceTransactionManager tm = new DataSourceTransactionManager(scenario.warmHikari(mode, 4, 30_000));
    OrderService orders = new OrderService(tm, new AuditLog(tm));
    CountDownLatch allInATransaction = new CountDownLatch(4);
    for (int i = 0; i < 8; i++) {
      scenario.start("order-" + i, () -> orders.place(allInATransaction));
      if (i == 3) {
        // The other four come once the first four are in their transactions (as springapp.RequiresNew does under the
        // agent): the first wait to pass the threshold is then a holder's, in the deadlock, not a newcomer's behind
        // holders that a machine with every core busy has not yet let reach their audit (seen: pool_too_small).
        PoolScenario.await(allInATransaction);
      }
    }
    ILoggingEvent e = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(e, "diagnosis")).as(e.getFormattedMessage()).isEqualTo("nested_acquisition");
    String audit = site("AuditLog", "record", "// AUDIT_TX");
    assertThat(e.getFormattedMessage()).contains("and wait for a second at " + audit);
    ILoggingEvent nested = scenario.logs.await("connection.nested", scenario.byDb(), 1, 5).get(0);
    assertThat(String.valueOf(kv(nested, "held_site"))).startsWith(NestedAcquisitionTest.class.getName() + "$OrderService.");
    assertThat(kv(nested, "site")).isIn(audit, site("AuditLog", "lambda$record$0", "// AUDIT_TX"));
  }

  private static String site(String method, String marker) {
    return NestedAcquisitionTest.class.getName() + "." + method + "(NestedAcquisitionTest.java:" + lineOf(marker) + ")";
  }

  private static String site(String nestedClass, String method, String marker) {
    return NestedAcquisitionTest.class.getName() + "$" + nestedClass + "." + method + "(NestedAcquisitionTest.java:" + lineOf(marker) + ")";
  }

  /** The line of this source file that ends with {@code marker}, so edits above it cannot break the expected sites. */
  static int lineOf(String marker) {
    return SourceLines.of("src/test/java/dev/leash/it/pool/NestedAcquisitionTest.java", marker);
  }
}
