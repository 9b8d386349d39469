package dev.leash.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small shop on embedded H2 and HikariCP, reproducing the pool-exhaustion incidents with Leash
 * watching. The only Leash-specific line is the JDBC URL: {@code jdbc:leash:h2:mem:shop}.
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
   * Incident 003: every tenth payment is declined and CheckoutService forgets close() on that path.
   * The pool of 5 drains within a few orders; Leash names the line that took each lost connection.
   */
  static void leak() throws Exception {
    say("Scenario 'leak' (incident 003: connections not released properly)");
    say("HikariCP pool of 5 on jdbc:leash:h2:mem:shop, leak threshold 2s; every 10th payment is declined.");
    HikariConfig config = new HikariConfig();
    config.setPoolName("shop-pool");
    config.setJdbcUrl("jdbc:leash:h2:mem:shop;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(5);
    config.setConnectionTimeout(1000);
    config.addDataSourceProperty("leash.leak.threshold", "2s");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      createSchema(pool);
      AtomicLong carts = new AtomicLong();
      CheckoutService checkout = new CheckoutService(pool, (cart, amount) -> cart % 10 != 0);
      int placed = 0;
      int declined = 0;
      int failed = 0;
      long end = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < end) {
        try {
          if (checkout.placeOrder(carts.incrementAndGet(), 4_99)) {
            placed++;
          } else {
            declined++;
          }
        } catch (SQLException e) {
          failed++;
          say("checkout failed: " + e.getMessage());
        }
        Thread.sleep(20);
      }
      say(String.format(Locale.ROOT, "Orders placed: %d, declined: %d, failed: %d.", placed, declined, failed));
      say("Each declined payment leaked one connection; Leash's WARN lines above name the line that took it.");
    }
  }

  private static void createSchema(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders(id IDENTITY PRIMARY KEY, cart_id BIGINT, amount_cents BIGINT)");
    }
  }

  private static void say(String line) {
    System.out.println("[shop] " + line);
  }
}
