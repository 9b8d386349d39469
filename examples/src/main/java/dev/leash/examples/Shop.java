package dev.leash.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A small shop on embedded H2 and HikariCP, reproducing the pool-exhaustion incidents with Leash
 * watching. The shop's pool is wrapped once, {@code LeashDataSource.wrap(hikari)}; nothing else in
 * the shop knows about Leash.
 *
 * <p>Usage: {@code Shop leak} (more scenarios arrive with the examples issue).
 */
public final class Shop {

  private Shop() {}

  public static void main(String[] args) throws Exception {
    String scenario = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "leak";
    if (!scenario.equals("leak")) {
      System.err.println("Unknown scenario '" + scenario + "'. Available: leak");
      System.exit(2);
    }
    leak();
  }

  /**
   * Incident 003: one payment in ten is declined and CheckoutService forgets close() on that path.
   * Four shoppers drain the pool of 5 within a second or two; Leash reports the pool running dry with
   * the diagnosis {@code leak}, then each lost connection with the line that took it.
   */
  static void leak() throws Exception {
    say("Scenario 'leak' (incident 003: connections not released properly)");
    say("HikariCP pool of 5 on H2, 4 shoppers for 6 s; 1 payment in 10 is declined, and that path never closes its connection.");
    HikariConfig config = new HikariConfig();
    config.setPoolName("shop-pool");
    config.setJdbcUrl("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(5);
    config.setConnectionTimeout(1000);
    try (HikariDataSource hikari = new HikariDataSource(config)) {
      DataSource pool = LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(Duration.ofSeconds(3)).build());
      createSchema(pool);
      CheckoutService checkout = new CheckoutService(pool, (cart, amount) -> cart % 10 != 7);
      Traffic traffic = run(checkout, 4, Duration.ofSeconds(6));
      say(String.format(Locale.ROOT, "Orders placed: %d, declined: %d, failed with a pool timeout: %d.",
          traffic.placed.get(), traffic.declined.get(), traffic.failed.get()));
      say("Each declined payment leaked one connection; Leash named the line that took it, above.");
    }
  }

  /** Counts of what happened to the shoppers' orders. */
  static final class Traffic {
    final AtomicInteger placed = new AtomicInteger();
    final AtomicInteger declined = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
  }

  static Traffic run(CheckoutService checkout, int shoppers, Duration duration) throws InterruptedException {
    Traffic t = new Traffic();
    AtomicLong carts = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < shoppers; i++) {
      Thread shopper = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            if (checkout.placeOrder(carts.incrementAndGet(), 4_99)) {
              t.placed.incrementAndGet();
            } else {
              t.declined.incrementAndGet();
            }
          } catch (SQLException e) {
            t.failed.incrementAndGet();
          }
          pause(ThreadLocalRandom.current().nextInt(20, 60));
        }
      }, "shopper-" + (i + 1));
      shopper.start();
      threads.add(shopper);
    }
    for (Thread s : threads) {
      s.join(duration.toMillis() + TimeUnit.SECONDS.toMillis(30));
    }
    return t;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void createSchema(DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders(id IDENTITY PRIMARY KEY, cart_id BIGINT, amount_cents BIGINT)");
    }
  }

  private static void say(String line) {
    System.out.println("[shop] " + line);
  }
}
