package dev.leash.examples;

import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.event.PoolDiagnosis;
import dev.leash.event.PoolEvent;
import dev.leash.jdbc.LeashDataSource;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The incidents as runnable scenarios of the shop. Each prints its story ({@link Story}) while Leash
 * writes its reports to the log, and returns what happened. Only the pool is wrapped with Leash
 * ({@code LeashDataSource.wrap}); the shop's services never know about it.
 */
final class Scenarios {

  private static final Duration LEAK_THRESHOLD = Duration.ofSeconds(3);
  private static final Duration SLOW_QUERY_LEAK_THRESHOLD = Duration.ofSeconds(2);

  private Scenarios() {}

  static Outcome run(Options o) throws Exception {
    switch (o.scenario) {
      case "leak":
        return leak(o);
      case "surge":
        return surge(o);
      case "slow-query":
        return slowQuery(o);
      case "agent":
        return AgentLauncher.run(o);
      case "clean":
        return clean(o);
      default:
        throw new Options.UsageException("unknown scenario '" + o.scenario + "'; scenarios: " + String.join(", ", Options.SCENARIOS));
    }
  }

  /**
   * Incident 003: one payment in ten is declined and CheckoutService forgets close() on that path.
   * Four shoppers drain the pool of 5 within a second or two; Leash reports the pool running dry with
   * the diagnosis {@code leak}, then each lost connection with the line that took it. With
   * {@code --no-leash} the pool is used as it is (the {@code agent} scenario's child JVM).
   */
  static Outcome leak(Options o) throws Exception {
    int poolSize = o.pool(5);
    int shoppers = o.shoppers(4);
    Duration duration = o.duration(Duration.ofSeconds(6));
    Database.Target target = o.target();
    Story.say("Scenario 'leak' (incident 003: connections not released properly)");
    Story.say("HikariCP pool of %d on %s, %d shoppers for %s; 1 payment in 10 is declined, and that path never closes its connection.",
        poolSize, shortName(target), shoppers, Story.human(duration));
    if (target.kind != Database.Kind.H2 || o.url != null) {
      Story.say("Database: %s.", target.describe());
    }
    Outcome out = new Outcome("leak");
    try (Database db = Database.create(target);
        HikariDataSource hikari = new HikariDataSource(poolConfig(db, o, poolSize, 1000, LEAK_THRESHOLD));
        LeashWatch watch = o.noLeash ? null : LeashWatch.start(db)) {
      DataSource pool = hikari;
      if (o.noLeash) {
        Story.say("No Leash code in this JVM: the shop uses HikariCP directly on %s.", db.maskedUrl());
      } else {
        pool = leashed(hikari, o, LEAK_THRESHOLD);
        startedAsService(o, pool);
      }
      CheckoutService checkout = new CheckoutService(pool, (cart, amount) -> cart % 10 != 7);
      Traffic traffic = Traffic.run("shopper", shoppers, duration, 20, 60, cart -> checkout.placeOrder(cart, 4_99));
      out.run(traffic, poolSize, db);
      Story.say("Orders placed: %d, declined: %d, failed with a pool timeout: %d.%s",
          traffic.placed(), traffic.declined(), traffic.timedOut(), otherFailures(traffic));
      Story.say("Each declined payment leaked one connection; Leash named the line that took it, above.");
      if (watch != null) {
        out.exhausted = watch.awaitExhausted(Duration.ZERO);
        out.suspectedLeaks = watch.leaks(LeakEvent.Kind.SUSPECTED).size();
        Story.say("Leash said: %s, and %d connection.leak.suspected%s.", exhaustedSummary(out.exhausted), out.suspectedLeaks,
            out.suspectedLeaks == 0 ? "" : " at " + watch.leaks(LeakEvent.Kind.SUSPECTED).get(0).site());
      }
    }
    return out;
  }

  /**
   * The shop as it should be: the same shoppers and pool as {@link #leak}, on the fixed checkout that
   * always returns its connection. Leash has nothing to report, and no alert fires on its meters.
   */
  static Outcome clean(Options o) throws Exception {
    int poolSize = o.pool(5);
    int shoppers = o.shoppers(4);
    Duration duration = o.duration(Duration.ofSeconds(6));
    Database.Target target = o.target();
    Story.say("Scenario 'clean' (the fixed checkout: every connection returned)");
    Story.say("HikariCP pool of %d on %s, %d shoppers for %s; each checkout keeps its connection busy for 10 ms and closes it.",
        poolSize, shortName(target), shoppers, Story.human(duration));
    Outcome out = new Outcome("clean");
    try (Database db = Database.create(target);
        HikariDataSource hikari = new HikariDataSource(poolConfig(db, o, poolSize, 1000, LEAK_THRESHOLD));
        LeashWatch watch = LeashWatch.start(db)) {
      DataSource pool = leashed(hikari, o, LEAK_THRESHOLD);
      startedAsService(o, pool);
      CheckoutService checkout = new CheckoutService(pool, (cart, amount) -> true);
      Traffic traffic = Traffic.run("shopper", shoppers, duration, 20, 60, cart -> {
        checkout.checkout(cart, 4_99, db, 10);
        return true;
      });
      out.run(traffic, poolSize, db);
      out.exhausted = watch.awaitExhausted(Duration.ZERO);
      out.suspectedLeaks = watch.leaks(LeakEvent.Kind.SUSPECTED).size();
      Story.say("Orders placed: %d, failed with a pool timeout: %d.%s", traffic.placed(), traffic.timedOut(), otherFailures(traffic));
      Story.say("Leash said: %s, and %d connection.leak.suspected.", exhaustedSummary(out.exhausted), out.suspectedLeaks);
    }
    return out;
  }

  /**
   * Incidents 000, 001, 002 and 004: no leak, a pool of 5 and a burst of 40 shoppers whose checkout
   * keeps its connection busy for 50–100 ms. HikariCP times out; Leash says {@code pool_too_small} with
   * the peak demand it measured and a suggested maximum. The scenario takes that number from Leash's
   * event and runs the same burst again with it.
   */
  static Outcome surge(Options o) throws Exception {
    int poolSize = o.pool(5);
    int shoppers = o.shoppers(40);
    Duration duration = o.duration(Duration.ofSeconds(3));
    Database.Target target = o.target();
    Story.say("Scenario 'surge' (incidents 000, 001, 002, 004: a pool too small for the promotional traffic)");
    Story.say("No leak: every connection is closed. HikariCP pool of %d on %s with a 500 ms connection timeout;"
        + " a burst of %d shoppers for %s, each checkout keeping its connection busy for 50-100 ms.",
        poolSize, shortName(target), shoppers, Story.human(duration));
    Outcome out = new Outcome("surge");
    Traffic first = surgeRun(o, target, poolSize, shoppers, duration, out);
    Story.say("Run 1, pool of %d: %d orders placed, %d visits failed with a pool timeout.%s",
        poolSize, first.placed(), first.timedOut(), otherFailures(first));
    if (out.exhausted == null || !"pool_too_small".equals(out.exhausted.diagnosis()) || out.suggestedMaximum <= 0) {
      Story.say("Leash said: %s; no suggested pool size, so no rerun.", exhaustedSummary(out.exhausted));
      return out;
    }
    Story.say("Leash said: pool.exhausted with diagnosis pool_too_small, peak demand %d, suggested maximum %d.",
        out.peakDemand, out.suggestedMaximum);
    Story.say("Rerunning the same burst with maximumPoolSize=%d, the size Leash suggested.", out.suggestedMaximum);
    Traffic second = surgeRun(o, target, out.suggestedMaximum, shoppers, duration, null);
    Story.say("Run 2, pool of %d: %d orders placed, %d visits failed with a pool timeout.%s",
        out.suggestedMaximum, second.placed(), second.timedOut(), otherFailures(second));
    out.runs.add(second);
    out.poolSizes.add(out.suggestedMaximum);
    Story.say("Pool timeouts: %d with a pool of %d, %d with %d.", first.timedOut(), poolSize, second.timedOut(), out.suggestedMaximum);
    return out;
  }

  /**
   * HikariCP's configuration for a run. With {@code --leash-url}, Leash is nothing but the
   * {@code jdbc:leash:} prefix of the pool's JDBC URL, and its settings are connection properties: what a
   * Spring Boot user does with {@code spring.datasource.url} and {@code spring.datasource.hikari.data-source-properties}.
   */
  private static com.zaxxer.hikari.HikariConfig poolConfig(Database db, Options o, int size, long timeoutMillis, Duration leakThreshold) {
    com.zaxxer.hikari.HikariConfig config = db.poolConfig("shop-pool", size, timeoutMillis);
    if (o.leashUrl && !o.noLeash) {
      config.setJdbcUrl("jdbc:leash:" + config.getJdbcUrl().substring("jdbc:".length()));
      config.addDataSourceProperty("leash.leak.threshold", leakThreshold.toMillis() + "ms");
    }
    return config;
  }

  /** The pool the shop uses: {@code LeashDataSource.wrap(hikari)}, or with {@code --leash-url} the pool itself. */
  private static DataSource leashed(HikariDataSource hikari, Options o, Duration leakThreshold) {
    if (o.leashUrl) {
      Story.say("Leash is only the prefix of the pool's JDBC URL, %s: it sees the connections the pool opens, not its getConnection().",
          Database.maskUrl(hikari.getJdbcUrl()));
      return hikari;
    }
    return LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(leakThreshold).build());
  }

  /** One burst on a fresh schema and pool; with {@code out}, records the run and Leash's first exhaustion report. */
  private static Traffic surgeRun(Options o, Database.Target target, int poolSize, int shoppers, Duration duration, Outcome out)
      throws Exception {
    Duration leakThreshold = LeashConfig.defaults().leakThreshold();
    try (Database db = Database.create(target);
        HikariDataSource hikari = new HikariDataSource(poolConfig(db, o, poolSize, 500, leakThreshold));
        LeashWatch watch = LeashWatch.start(db)) {
      awaitFilled(hikari, poolSize);
      DataSource pool = leashed(hikari, o, leakThreshold);
      CatalogService catalog = new CatalogService(pool);
      CartService carts = new CartService(pool);
      CheckoutService checkout = new CheckoutService(pool, (cart, amount) -> true);
      Traffic traffic = Traffic.run("shopper", shoppers, duration, 0, 10, cart -> {
        long product = 1 + cart % 5;
        long price = catalog.price(product);
        carts.add(cart, product, 1);
        checkout.checkout(cart, price, db, ThreadLocalRandom.current().nextInt(50, 101));
        return true;
      });
      if (out != null) {
        out.run(traffic, poolSize, db);
        out.exhausted = watch.awaitExhausted(traffic.timedOut() > 0 ? Duration.ofSeconds(3) : Duration.ZERO);
        PoolDiagnosis d = out.exhausted == null ? null : out.exhausted.diagnosisDetail();
        if (d != null && d.cause() == PoolDiagnosis.Cause.POOL_TOO_SMALL) {
          // The diagnosis is data: the figures are read from it, not parsed out of its sentence.
          out.suggestedMaximum = d.suggestedMaximum();
          out.peakDemand = d.peakDemand();
        }
      }
      return traffic;
    }
  }

  /**
   * A slow back-office report on the shop's pool: analysts run a 3 s sales report (longer than the
   * 2 s leak threshold) on every connection while shoppers check out. Leash says
   * {@code connection.held.busy} for the reports (busy in a statement: not leaks) and, when shoppers time
   * out, {@code pool.exhausted} with the diagnosis {@code slow_queries}.
   */
  static Outcome slowQuery(Options o) throws Exception {
    int poolSize = o.pool(5);
    int shoppers = o.shoppers(8);
    Duration duration = o.duration(Duration.ofSeconds(6));
    long reportMillis = 3000;
    Database.Target target = o.target();
    Story.say("Scenario 'slow-query' (a slow report holds the connections busy: slow queries, not leaks)");
    Story.say("HikariCP pool of %d on %s; %d analysts run a %s sales report again and again while %d shoppers check out, for %s."
        + " Leak threshold 2 s: each report holds its connection longer than that, busy in its statement.",
        poolSize, shortName(target), poolSize, Story.human(Duration.ofMillis(reportMillis)), shoppers, Story.human(duration));
    Outcome out = new Outcome("slow-query");
    try (Database db = Database.create(target);
        HikariDataSource hikari = new HikariDataSource(poolConfig(db, o, poolSize, 1000, SLOW_QUERY_LEAK_THRESHOLD));
        LeashWatch watch = LeashWatch.start(db)) {
      awaitFilled(hikari, poolSize);
      DataSource pool = leashed(hikari, o, SLOW_QUERY_LEAK_THRESHOLD);
      ReportService reports = new ReportService(pool, db);
      CatalogService catalog = new CatalogService(pool);
      CheckoutService checkout = new CheckoutService(pool, (cart, amount) -> true);
      Traffic[] backOffice = new Traffic[1];
      Thread analysts = new Thread(() -> {
        try {
          backOffice[0] = Traffic.run("analyst", poolSize, duration, 0, 0, cart -> reports.salesReport(reportMillis) >= 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "back-office");
      analysts.start();
      Traffic.pause(300); // the reports take every connection first; then the lunch-time shoppers arrive
      Traffic shop = Traffic.run("shopper", shoppers, duration.minusMillis(300), 20, 60, cart -> {
        checkout.checkout(cart, catalog.price(1 + cart % 5), db, 10);
        return true;
      });
      analysts.join();
      out.run(shop, poolSize, db);
      int reportsRun = backOffice[0] == null ? 0 : backOffice[0].placed();
      Story.say("Reports run: %d; orders placed: %d; shoppers' visits failed with a pool timeout: %d.%s",
          reportsRun, shop.placed(), shop.timedOut(), otherFailures(shop));
      out.exhausted = watch.awaitExhausted(shop.timedOut() > 0 ? Duration.ofSeconds(3) : Duration.ZERO);
      waitForWatchdog(watch, reportMillis);
      out.heldBusy = watch.leaks(LeakEvent.Kind.HELD_BUSY).size();
      out.suspectedLeaks = watch.leaks(LeakEvent.Kind.SUSPECTED).size();
      String busySite = out.heldBusy == 0 ? "" : " at " + watch.leaks(LeakEvent.Kind.HELD_BUSY).get(0).site();
      Story.say("Leash said: %d connection.held.busy%s (long statements, not leaks), %d connection.leak.suspected, and %s.",
          out.heldBusy, busySite, out.suspectedLeaks, exhaustedSummary(out.exhausted));
    }
    return out;
  }

  /**
   * With {@code --metrics-port} the shop starts like a service that is scraped: a health check takes one
   * connection before the first request, and traffic starts once Leash's meters (registered at its first
   * connection) are in the registry Prometheus scrapes, so the scrape sees every counter from 0.
   */
  private static void startedAsService(Options o, DataSource pool) throws Exception {
    if (o.metricsPort < 0) {
      return;
    }
    try (java.sql.Connection c = pool.getConnection()) {
      c.isValid(1);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (io.micrometer.core.instrument.Metrics.globalRegistry.find("db.client.connection.count").gauge() == null
        && System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Gives the watchdog (it samples every quarter of the threshold) time to see the last long report. */
  private static void waitForWatchdog(LeashWatch watch, long reportMillis) throws InterruptedException {
    if (watch.leaks(LeakEvent.Kind.HELD_BUSY).isEmpty()) {
      TimeUnit.MILLISECONDS.sleep(Math.min(reportMillis, 1000));
    }
  }

  /** Waits until HikariCP has opened all its connections, so a timeout always means "every connection in use". */
  static void awaitFilled(HikariDataSource hikari, int poolSize) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hikari.getHikariPoolMXBean().getTotalConnections() < poolSize && System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  static String exhaustedSummary(PoolEvent e) {
    return e == null ? "no pool.exhausted" : "pool.exhausted with diagnosis " + e.diagnosis();
  }

  private static String otherFailures(Traffic t) {
    return t.failed() == 0 ? "" : " Other failures: " + t.failed() + ".";
  }

  private static String shortName(Database.Target target) {
    return target.kind == Database.Kind.H2 ? "H2" : "PostgreSQL";
  }
}
