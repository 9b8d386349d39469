package dev.leash.it.outputs;

import static dev.leash.it.outputs.OutputsTesting.await;
import static dev.leash.it.outputs.OutputsTesting.gcUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.metrics.LeashMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every meter of {@link LeashMetrics} against a scripted workload on HikariCP over H2 through
 * {@code LeashDataSource}: known leases, a slow wait, timeouts, a suspected and a confirmed leak.
 * Leash's registry is process-wide, so every assertion is scoped by this test's unique pool name.
 */
class LeashMetricsTest {

  @BeforeAll
  static void outputsStarted() throws Exception {
    OutputsTesting.outputsStarted();
  }


  private static final long TIMEOUT_MS = 250;
  private static final String POOL = "db.client.connection.pool.name";
  private static final String STATE = "db.client.connection.state";

  private SimpleMeterRegistry meters;
  private final Map<Meter.Id, DistributionStatisticConfig> distributions = new ConcurrentHashMap<>();
  private String name;
  private HikariDataSource hikari;

  @BeforeEach
  void setUp() {
    meters = new SimpleMeterRegistry();
    meters.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        distributions.put(id, config);
        return config;
      }
    });
    new LeashMetrics(true).bindTo(meters);
    name = "metrics_" + System.nanoTime();
  }

  @AfterEach
  void tearDown() {
    meters.close();
    if (hikari != null) {
      hikari.close();
    }
  }

  private static void use(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  @Test
  void everyMeterFollowsTheScriptedWorkload() throws Exception {
    hikari = OutputsTesting.hikari(name, 1, TIMEOUT_MS);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.builder()
        .leakThreshold(Duration.ofMillis(500)).poolWaitThreshold(Duration.ofMillis(100)).build());

    // 1. Three short leases.
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection()) {
        use(c);
      }
    }
    assertThat(timer("db.client.connection.use_time").count()).isEqualTo(3);
    assertThat(timer("db.client.connection.wait_time").count()).isEqualTo(3);

    // 2. One held connection: the pool (max 1) is full.
    Connection held = ds.getConnection();
    long heldSince = System.nanoTime();
    assertThat(gauge("db.client.connection.count", "used")).isEqualTo(1.0);
    assertThat(gauge("db.client.connection.count", "idle")).isEqualTo(0.0);
    assertThat(gauge("db.client.connection.max", null)).isEqualTo(1.0);
    assertThat(gauge("db.client.connection.pending_requests", null)).isEqualTo(0.0);
    assertThat(gauge("db.client.connection.idle.min", null)).as("HikariCP's minimumIdle").isEqualTo(0.0);
    assertThat(meters.find("db.client.connection.idle.max").tag(POOL, name).gauge()).as("HikariCP has no maximum idle").isNull();

    // 3. A thread waits in getConnection() and times out; then this one does too.
    CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
      try (Connection c = ds.getConnection()) {
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
    assertThat(await(() -> gauge("db.client.connection.pending_requests", null) == 1.0, 0.2))
        .as("a thread inside getConnection() is a pending request").isTrue();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
    assertThat(counter("db.client.connection.timeouts", null)).isEqualTo(2);
    assertThat(gauge("db.client.connection.pending_requests", null)).isEqualTo(0.0);

    // 4. The held connection stays idle past leash.leak.threshold: a suspected leak.
    assertThat(await(() -> counter("leash.leaks", "suspected") == 1, 3)).isTrue();

    // 5. A slow wait: the holder gives the connection back 150 ms into this thread's getConnection().
    CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
      sleep(150);
      close(held);
    });
    long waitStart = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      use(c);
    }
    double slowWait = (System.nanoTime() - waitStart) / 1e9;
    release.get(5, TimeUnit.SECONDS);
    assertThat(slowWait).isGreaterThan(0.12);

    // 6. A connection dropped without close(): a confirmed leak once collected.
    takeAndDrop(ds);
    assertThat(gcUntil(() -> counter("leash.leaks", "confirmed") == 1, 10)).isTrue();

    Timer use = timer("db.client.connection.use_time");
    assertThat(use.count()).as("3 short + the held one + the slow-wait one; a collected one is a leak, not a use").isEqualTo(5);
    assertThat(use.max(TimeUnit.SECONDS)).as("the held connection").isGreaterThan(0.6).isLessThan((System.nanoTime() - heldSince) / 1e9);

    Timer wait = timer("db.client.connection.wait_time");
    assertThat(wait.count()).as("3 + held + 2 timeouts + slow + dropped").isEqualTo(8);
    assertThat(wait.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(TIMEOUT_MS / 1000.0).isLessThan(2.0);
    assertThat(wait.totalTime(TimeUnit.SECONDS)).isGreaterThan(2 * TIMEOUT_MS / 1000.0 + 0.12);

    assertThat(counter("leash.leaks", "suspected")).isEqualTo(1);
    assertThat(counter("db.client.connection.timeouts", null)).isEqualTo(2);
    // The dropped connection is still checked out of HikariCP: the pool counts it as used.
    assertThat(gauge("db.client.connection.count", "used")).isEqualTo(1.0);
    assertThat(timer("db.client.connection.create_time").count()).as("HikariCP opens connections itself in wrap mode").isZero();

    assertNamesUnitsAndTags();
  }

  private void assertNamesUnitsAndTags() {
    List<Meter> mine = meters.getMeters().stream()
        .filter(m -> name.equals(m.getId().getTag(POOL))).collect(Collectors.toList());
    assertThat(mine.stream().map(m -> m.getId().getName() + tagSuffix(m)).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "db.client.connection.count{state=used}", "db.client.connection.count{state=idle}",
            "db.client.connection.max", "db.client.connection.idle.min", "db.client.connection.pending_requests", "db.client.connection.timeouts",
            "db.client.connection.create_time", "db.client.connection.wait_time", "db.client.connection.use_time",
            "leash.leaks{kind=suspected}", "leash.leaks{kind=confirmed}");
    for (Meter m : mine) {
      Set<String> keys = m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
      assertThat(keys).as(m.getId().getName() + ": bounded tags only").isSubsetOf(POOL, STATE, "kind");
      assertThat(m.getId().getDescription()).isNotBlank();
      if (m instanceof Timer) {
        assertThat(distributions.get(m.getId()).isPercentileHistogram()).as("percentile histogram on").isTrue();
        assertThat(m.getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(((Timer) m).baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
      } else {
        // OpenTelemetry's units for these ({connection}, {request}, {timeout}) are annotations exporters drop.
        assertThat(m.getId().getBaseUnit()).as(m.getId().getName()).isNull();
      }
    }
    assertThat(meters.get("db.client.connection.timeouts").tag(POOL, name).counter()).isInstanceOf(Counter.class);
    assertThat(meters.get("db.client.connection.max").tag(POOL, name).gauge()).isInstanceOf(Gauge.class);
  }

  private static String tagSuffix(Meter m) {
    String state = m.getId().getTag(STATE);
    String kind = m.getId().getTag("kind");
    return state != null ? "{state=" + state + "}" : kind != null ? "{kind=" + kind + "}" : "";
  }

  @Test
  void createTimeIsTheRealDriversConnectInUrlMode() throws Exception {
    String url = "jdbc:h2:mem:" + name;
    for (int i = 0; i < 2; i++) {
      try (Connection c = DriverManager.getConnection("jdbc:leash:h2:mem:" + name)) {
        use(c);
      }
    }
    Timer create = meters.get("db.client.connection.create_time").tag(POOL, url).timer();
    assertThat(create.count()).isEqualTo(2);
    assertThat(create.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(meters.get("db.client.connection.use_time").tag(POOL, url).timer().count()).isEqualTo(2);
    assertThat(meters.get("db.client.connection.count").tag(POOL, url).tag(STATE, "used").gauge().value())
        .as("URL mode: Leash's open leases").isEqualTo(0.0);
    assertThat(meters.find("db.client.connection.count").tag(POOL, url).tag(STATE, "idle").gauge())
        .as("no idle count where the pool does not report one").isNull();
  }

  @Test
  void gaugesDoNotKeepThePoolAlive() throws Exception {
    hikari = OutputsTesting.hikari(name, 2, TIMEOUT_MS);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    try (Connection c = ds.getConnection()) {
      use(c);
    }
    try (Connection c = ds.getConnection()) {
      use(c);
    }
    assertThat(gauge("db.client.connection.max", null)).isEqualTo(2.0);
    WeakReference<Object> pool = new WeakReference<>(hikari);
    hikari.close();
    hikari = null;
    ds = null;
    assertThat(gcUntil(() -> pool.get() == null, 10)).as("the pool is collectable while its gauges are registered").isTrue();
    assertThat(gauge("db.client.connection.max", null)).isNaN();
  }

  /** Application code that loses a connection. */
  private static void takeAndDrop(DataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    use(c);
  }

  private Timer timer(String meter) {
    return meters.get(meter).tag(POOL, name).timer();
  }

  private double gauge(String meter, String state) {
    return (state == null ? meters.get(meter).tag(POOL, name) : meters.get(meter).tag(POOL, name).tag(STATE, state))
        .gauge().value();
  }

  private long counter(String meter, String kind) {
    Counter c = kind == null ? meters.find(meter).tag(POOL, name).counter()
        : meters.find(meter).tag(POOL, name).tag("kind", kind).counter();
    return c == null ? 0 : (long) c.count();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
