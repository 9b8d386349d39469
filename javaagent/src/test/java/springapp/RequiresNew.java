package springapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's {@code PROPAGATION_REQUIRES_NEW} inside a transaction, run under the agent with no Leash API: an order's
 * transaction calls an audit log that writes in a transaction of its own, so each thread holds one connection and
 * asks for a second. Eight threads on a HikariCP pool of four: every connection ends up held by a thread waiting
 * for another, until the pool's 1.5 s timeout. Prints what the program saw on stdout ({@code program: ...}).
 *
 * <p>Arguments: {@code together} starts all eight at once (otherwise the last four come once the first four are in
 * their transactions); {@code busy} keeps every core busy meanwhile (one spinning thread more than cores).
 */
public final class RequiresNew {

  private RequiresNew() {}

  public static void main(String[] args) throws Exception {
    boolean together = java.util.Arrays.asList(args).contains("together");
    if (java.util.Arrays.asList(args).contains("busy")) {
      spinOnEveryCore();
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("spring-pool");
    config.setJdbcUrl("jdbc:h2:mem:requiresnew;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setConnectionTimeout(1500);
    AtomicInteger failed = new AtomicInteger();
    try (HikariDataSource ds = new HikariDataSource(config)) {
      DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
      OrderService orders = new OrderService(tm, new AuditLog(tm));
      List<java.sql.Connection> warm = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        warm.add(ds.getConnection()); // the pool opens its connections before the orders
      }
      for (java.sql.Connection c : warm) {
        c.close();
      }
      CountDownLatch allInATransaction = new CountDownLatch(4);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t = new Thread(() -> {
          try {
            go.await();
            orders.place(allInATransaction);
          } catch (InterruptedException e) {
            failed.incrementAndGet();
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }, "order-" + i);
        t.start();
        threads.add(t);
        if (!together) {
          go.countDown();
        }
        if (i == 3 && !together) {
          // The other four come once the first four are in their transactions: the first wait to pass the threshold
          // is then a holder's, in the deadlock, not a newcomer's behind holders that a busy machine has not yet
          // let reach their audit.
          allInATransaction.await(10, TimeUnit.SECONDS);
        }
      }
      go.countDown();
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
    }
    System.out.println("program: " + failed + " of 8 orders failed");
    Thread.sleep(300); // let the watchdog's and reporter's last lines out
    System.out.flush();
    System.exit(0);
  }

  private static void spinOnEveryCore() {
    for (int i = 0; i <= Runtime.getRuntime().availableProcessors(); i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        while (x != 42) {
          x = x * 6364136223846793005L + 1442695040888963407L;
        }
      }, "spinner-" + i);
      t.setDaemon(true);
      t.start();
    }
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
        try {
          allInATransaction.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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
}
