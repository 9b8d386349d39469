package dev.leash.reliability;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.Lease;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.track.TrackAccess;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.LogCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The soak engine: many threads borrow, use and return connections as fast as they can, and every
 * {@code leakEvery}-th cycle leaks instead, at one of the three sites of {@link PlantedLeaks}. Then
 * {@link #verify} checks that Leash reported exactly the planted leaks and nothing else, and that its
 * counts for this pool are exact. Scoped by a marker in the database URL, because the registry is
 * shared by the whole test JVM.
 */
final class Soak {

  enum Pool { HIKARI, DBCP2 }

  enum Mode { WRAP, URL }

  /** What the application did, counted on its side. */
  static final class Result {
    final AtomicLong borrows = new AtomicLong();
    final AtomicLong returns = new AtomicLong();
    final AtomicLongArray planted = new AtomicLongArray(3);
    final List<Connection> leaked = Collections.synchronizedList(new ArrayList<>());
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    /**
     * What the machine did, measured on the application's side: getConnection() calls that took the wait threshold
     * or longer (each may rightly be a pool.wait.slow), and cycles whose close() came the leak threshold or later
     * after their getConnection() began (each may rightly be a connection.held.busy, or a connection.leak.suspected
     * and then returned). On a quiet machine both stay 0; with every core busy, a plain SELECT has been seen to take
     * over a second, and a thread to wait 1.5 s for a core between its getConnection() and its statement.
     */
    final AtomicLong slowWaits = new AtomicLong();
    final AtomicLong longHolds = new AtomicLong();

    /** Adds what {@code other} (a warm-up on the same pool) measured. */
    void addMeasured(Result other) {
      slowWaits.addAndGet(other.slowWaits.get());
      longHolds.addAndGet(other.longHolds.get());
    }

    long plantedTotal() {
      return planted.get(0) + planted.get(1) + planted.get(2);
    }
  }

  private Soak() {}

  /** A pool of {@code pool} in {@code mode} over {@code rawUrl}, holding up to {@code maxSize} connections. */
  static DataSource open(Pool pool, Mode mode, String rawUrl, String user, String password, Duration threshold,
      int maxSize, List<AutoCloseable> toClose) {
    return open(pool, mode, rawUrl, user, password, threshold, maxSize, Duration.ofSeconds(10), toClose);
  }

  /** As above, with the pool's acquisition timeout. */
  static DataSource open(Pool pool, Mode mode, String rawUrl, String user, String password, Duration threshold,
      int maxSize, Duration timeout, List<AutoCloseable> toClose) {
    String url = mode == Mode.URL ? "jdbc:leash:" + rawUrl.substring("jdbc:".length()) : rawUrl;
    DataSource ds;
    if (pool == Pool.HIKARI) {
      HikariConfig c = new HikariConfig();
      c.setPoolName("soak-" + System.nanoTime());
      c.setJdbcUrl(url);
      c.setUsername(user);
      c.setPassword(password);
      c.setMaximumPoolSize(maxSize);
      c.setConnectionTimeout(timeout.toMillis());
      if (mode == Mode.URL) {
        c.addDataSourceProperty("leash.leak.threshold", threshold.toMillis() + "ms");
      }
      HikariDataSource h = new HikariDataSource(c);
      toClose.add(h);
      ds = h;
    } else {
      BasicDataSource b = new BasicDataSource();
      b.setUrl(url);
      b.setUsername(user);
      b.setPassword(password);
      b.setMaxTotal(maxSize);
      b.setMaxIdle(maxSize);
      b.setMaxWait(timeout);
      if (mode == Mode.URL) {
        b.addConnectionProperty("leash.leak.threshold", threshold.toMillis() + "ms");
      }
      toClose.add(b::close);
      ds = b;
    }
    return mode == Mode.WRAP ? LeashDataSource.wrap(ds, LeashConfig.builder().leakThreshold(threshold).build()) : ds;
  }

  /**
   * Runs {@code threads} threads, started together, each until it has done {@code cycles} cycles or
   * {@code deadlineNanos} has passed (whichever first), leaking every {@code leakEvery}-th cycle
   * overall, at most {@code maxLeaks} times.
   */
  static Result run(DataSource ds, int threads, int cycles, long deadlineNanos, int leakEvery, int maxLeaks, String sql)
      throws InterruptedException {
    return run(ds, threads, cycles, deadlineNanos, leakEvery, maxLeaks, sql, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /** As above, measuring against Leash's {@code threshold} and {@code waitThreshold} (see {@link Result#slowWaits}). */
  static Result run(DataSource ds, int threads, int cycles, long deadlineNanos, int leakEvery, int maxLeaks, String sql,
      Duration threshold, Duration waitThreshold) throws InterruptedException {
    Result r = new Result();
    AtomicLong ops = new AtomicLong();
    AtomicInteger leaks = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          go.await();
          for (int i = 0; i < cycles && System.nanoTime() - deadlineNanos < 0; i++) {
            long n = ops.incrementAndGet();
            if (n % leakEvery == 0 && leaks.getAndIncrement() < maxLeaks) {
              int site = (int) ((n / leakEvery) % 3);
              long t0 = System.nanoTime();
              r.leaked.add(PlantedLeaks.leak(site, ds));
              if (System.nanoTime() - t0 >= waitThreshold.toNanos()) {
                r.slowWaits.incrementAndGet();
              }
              r.borrows.incrementAndGet();
              r.planted.incrementAndGet(site);
            } else {
              cycle(ds, sql, n, r, threshold.toNanos(), waitThreshold.toNanos());
            }
          }
        } catch (Throwable e) {
          r.failure.compareAndSet(null, e);
        }
      }, "soak-" + t);
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(w.isAlive()).as("soak worker finished").isFalse();
    }
    return r;
  }

  private static void cycle(DataSource ds, String sql, long n, Result r, long threshold, long waitThreshold) throws SQLException {
    long t0 = System.nanoTime();
    Connection c = ds.getConnection();
    if (System.nanoTime() - t0 >= waitThreshold) {
      r.slowWaits.incrementAndGet();
    }
    r.borrows.incrementAndGet();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, n);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    } finally {
      c.close();
      r.returns.incrementAndGet();
      if (System.nanoTime() - t0 >= threshold) {
        r.longHolds.incrementAndGet();
      }
    }
  }

  /** Open leases of the pool whose masked URL contains {@code marker}. */
  static List<Lease> openLeases(String marker) {
    return LeashRuntime.registry().openLeases().stream().filter(l -> l.db().contains(marker)).collect(Collectors.toList());
  }

  private static boolean isPlanted(ILoggingEvent e) {
    return String.valueOf(kv(e, "site")).startsWith("dev.leash.reliability.PlantedLeaks.site");
  }

  static Predicate<ILoggingEvent> about(String marker) {
    return e -> String.valueOf(kv(e, "db")).contains(marker);
  }

  /**
   * Every planted leak reported exactly once, at its site; nothing else reported for this pool; the
   * registry holds exactly the planted leases; its counters moved exactly as the application's did.
   */
  static void verify(LogCapture logs, String marker, Result r, long acquiredBefore, long releasedBefore, Duration threshold)
      throws InterruptedException {
    assertThat(r.failure.get()).as("no exception reached the application").isNull();
    long planted = r.plantedTotal();
    assertThat(planted).as("leaks planted").isGreaterThanOrEqualTo(3);
    List<ILoggingEvent> suspected = logs.await("connection.leak.suspected", about(marker), (int) planted,
        (int) (threshold.toSeconds() * 4 + 10));
    Thread.sleep(threshold.toMillis() + 500); // room for a wrong second report

    suspected = logs.named("connection.leak.suspected", about(marker));
    // Suspected leases other than the planted ones: only cycles the slow machine held that long (see Result#longHolds).
    List<ILoggingEvent> others = suspected.stream().filter(e -> !isPlanted(e)).collect(Collectors.toList());
    assertThat(others).as("suspected leases other than the planted: %s", others.stream().map(LogCapture::kvs)
        .collect(Collectors.toList())).hasSizeLessThanOrEqualTo(r.longHolds.intValue());
    suspected = suspected.stream().filter(Soak::isPlanted).collect(Collectors.toList());
    Map<Object, Long> bySite = suspected.stream().collect(Collectors.groupingBy(e -> kv(e, "site"), Collectors.counting()));
    for (int i = 0; i < 3; i++) {
      assertThat(bySite.getOrDefault(PlantedLeaks.site(i), 0L)).as("reports at " + PlantedLeaks.site(i)).isEqualTo(r.planted.get(i));
    }
    assertThat(suspected).extracting(e -> kv(e, "lease_id")).doesNotHaveDuplicates().hasSize((int) planted);
    // Besides the planted leaks, only what the machine's slowness, measured on the application's side, explains.
    List<Object> events = logs.events().stream().filter(about(marker)).map(e -> kv(e, "event")).collect(Collectors.toList());
    assertThat(events).as("nothing but the planted leaks was reported, and what the slow machine explains (%s slow waits,"
        + " %s connections held past the threshold)", r.slowWaits, r.longHolds)
        .isSubsetOf("connection.leak.suspected", "connection.held.busy", "pool.wait.slow", "connection.leak.returned")
        .contains("connection.leak.suspected");
    assertThat(Collections.frequency(events, "connection.leak.returned")).as("returned: only the slow machine's suspected leases")
        .isEqualTo(others.size());
    assertThat(Collections.frequency(events, "connection.held.busy")).as("held busy, against connections held that long")
        .isLessThanOrEqualTo(r.longHolds.intValue());
    // Together: every lease reported for its age (suspected, or held busy) is a cycle the application held past the
    // threshold, since Leash's lease starts after the cycle's clock and is seen open before its close() returns. The
    // leases are counted, not the events: one lease may be both, busy in its statement past the threshold and then
    // idle for another threshold before its close(), so others + held busy <= long holds need not hold.
    Set<Object> heldLong = logs.events().stream().filter(about(marker)).filter(e -> !isPlanted(e))
        .filter(e -> "connection.held.busy".equals(kv(e, "event")) || "connection.leak.suspected".equals(kv(e, "event")))
        .map(e -> kv(e, "lease_id")).collect(Collectors.toSet());
    assertThat(heldLong).as("leases reported suspected or held busy, against connections held that long")
        .hasSizeLessThanOrEqualTo(r.longHolds.intValue());
    assertThat(Collections.frequency(events, "pool.wait.slow")).as("slow waits, against getConnection() calls that took that long")
        .isLessThanOrEqualTo(r.slowWaits.intValue());
    if (r.slowWaits.get() + r.longHolds.get() > 0) {
      System.out.printf("soak %s on a slow machine: %d getConnection() calls took the wait threshold or longer, %d connections held"
          + " past the leak threshold; reported %d pool.wait.slow, %d connection.held.busy%n", marker, r.slowWaits.get(),
          r.longHolds.get(), Collections.frequency(events, "pool.wait.slow"), Collections.frequency(events, "connection.held.busy"));
    }

    List<Lease> open = openLeases(marker);
    assertThat(open).hasSize((int) planted);
    assertThat(open).extracting(Lease::site).allMatch(s -> s.startsWith("dev.leash.reliability.PlantedLeaks.site"));
    dev.leash.internal.track.Pool owner = open.get(0).owner();
    assertThat(owner.openLeases()).isEqualTo(planted);
    // The intern table grows with distinct call sites in the code, never with traffic: a handful here.
    assertThat(TrackAccess.internedSites(owner)).as("distinct sites interned").isBetween(3, 10);

    LeaseRegistry registry = LeashRuntime.registry();
    assertThat(r.borrows.get()).isEqualTo(r.returns.get() + planted);
    assertThat(registry.acquiredCount() - acquiredBefore).as("leases started = borrows (released %s, returns %s)",
        registry.releasedCount() - releasedBefore, r.returns.get()).isEqualTo(r.borrows.get());
    assertThat(registry.releasedCount() - releasedBefore).as("leases ended = returns").isEqualTo(r.returns.get());
    assertThat(registry.droppedLeases()).isZero();
  }

  /** Returns the planted leaks: each one reported as returned once, and nothing of this pool stays open. */
  static void returnLeaks(LogCapture logs, String marker, Result r) throws Exception {
    long planted = r.plantedTotal();
    for (Connection c : r.leaked) {
      c.close();
    }
    assertThat(logs.await("connection.leak.returned", about(marker).and(Soak::isPlanted), (int) planted, 10)).hasSize((int) planted);
    assertThat(openLeases(marker)).isEmpty();
  }
}
