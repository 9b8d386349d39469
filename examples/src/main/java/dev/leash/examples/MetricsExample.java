package dev.leash.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Leash's meters in the Prometheus text format, as a dashboard scrapes them: a shop workload with a
 * leak runs through {@code LeashDataSource.wrap(hikari)}, and {@code /metrics} on 127.0.0.1 serves a
 * {@code PrometheusMeterRegistry} ({@link MetricsEndpoint}).
 *
 * <p>Leash binds its meters to Micrometer's {@code Metrics.globalRegistry} by itself, so the only
 * wiring is adding the Prometheus registry to it (Spring Boot does that for its own registry). To bind
 * a registry directly instead: {@code new LeashMetrics().bindTo(registry)}.
 *
 * <p>Usage: {@code MetricsExample [port]} (default 9464, the port OpenTelemetry's Prometheus exporter
 * uses). It scrapes itself once, prints Leash's lines and exits.
 */
public final class MetricsExample {

  private MetricsExample() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9464;
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(port)) {
      say("Serving " + endpoint.url());
      runShop(endpoint.url());
    }
  }

  /** Prints the lines of Leash's meters from one scrape of {@code url}. */
  private static void scrape(String url) throws Exception {
    HttpResponse<String> scraped = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    say("GET " + url + " -> " + scraped.statusCode() + "; Leash's lines:");
    scraped.body().lines()
        .filter(l -> l.startsWith("db_client_connection") || l.startsWith("leash_leaks"))
        .filter(l -> !l.contains("_bucket{"))
        .forEach(l -> System.out.println("  " + l));
  }

  /**
   * Two threads place orders for a few seconds on a pool of 3; every 5th payment is declined and leaks.
   * Scrapes {@code url} while the pool, with its leaked connections, is still open.
   */
  private static void runShop(String url) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setPoolName("shop-pool");
    config.setJdbcUrl("jdbc:h2:mem:metrics-shop;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(3);
    config.setConnectionTimeout(300);
    try (HikariDataSource hikari = new HikariDataSource(config)) {
      DataSource db = LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(Duration.ofSeconds(1)).build());
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE orders(id IDENTITY PRIMARY KEY, cart_id BIGINT, amount_cents BIGINT)");
      }
      CheckoutService checkout = new CheckoutService(db, (cart, amount) -> cart % 5 != 0);
      int[] outcomes = new int[3];
      Thread[] shoppers = new Thread[2];
      for (int t = 0; t < shoppers.length; t++) {
        int first = t;
        shoppers[t] = new Thread(() -> {
          long end = System.nanoTime() + 2_500_000_000L;
          for (long cart = first + 1; System.nanoTime() < end; cart += shoppers.length) {
            int outcome;
            try {
              outcome = checkout.placeOrder(cart, 4_99) ? 0 : 1;
            } catch (SQLException e) {
              outcome = 2;
            }
            synchronized (outcomes) {
              outcomes[outcome]++;
            }
            sleep(50);
          }
        }, "shopper-" + t);
        shoppers[t].start();
      }
      for (Thread t : shoppers) {
        t.join();
      }
      say(String.format(Locale.ROOT, "Orders placed: %d, declined (each leaked a connection): %d, failed (pool exhausted): %d.",
          outcomes[0], outcomes[1], outcomes[2]));
      scrape(url);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void say(String line) {
    System.out.println("[metrics] " + line);
  }
}
