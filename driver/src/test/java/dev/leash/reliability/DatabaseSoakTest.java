package dev.leash.reliability;

import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.reliability.Soak.Mode;
import dev.leash.reliability.Soak.Pool;
import dev.leash.testing.LogCapture;
import dev.leash.testing.RequiredDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The soak of {@link SoakTest} for a fixed time against real servers on loopback (skipped when they are
 * absent, failed when {@code LEASH_REQUIRE_DATABASES=1}): 16 threads, HikariCP wrapped and DBCP2 under
 * {@code jdbc:leash:}, one leak in 1,000 cycles (at most 9) at three known sites, for 4 s each.
 */
class DatabaseSoakTest {

  static final Duration RUN = Duration.ofSeconds(4);
  // Two seconds, not SoakTest's 500 ms: 16 clients and the server share two CPUs on CI, where a single
  // statement was seen to take over 500 ms (a correct connection.held.busy, but not what this test is about).
  static final Duration THRESHOLD = Duration.ofSeconds(2);
  static final int MAX_LEAKS = 9;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private LogCapture logs;

  @BeforeEach
  void setUp() {
    logs = new LogCapture();
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"POSTGRESQL, HIKARI, WRAP", "POSTGRESQL, DBCP2, URL", "MARIADB, HIKARI, WRAP", "MARIADB, DBCP2, URL"})
  void soakForAFixedTimeReportsExactlyThePlantedLeaks(RequiredDatabase db, Pool pool, Mode mode) throws Exception {
    db.assumeReachable();
    String marker = "soak_" + pool + "_" + mode + "_" + System.nanoTime();
    // A harmless option that puts the marker into the URL, so this pool's leases and reports can be told apart.
    String url = db.rawUrl() + (db == RequiredDatabase.POSTGRESQL ? "?ApplicationName=" : "?connectionAttributes=app:") + marker;
    DataSource ds = Soak.open(pool, mode, url, db.user(), db.password(), THRESHOLD, SoakTest.THREADS + MAX_LEAKS + 2, toClose);
    LeaseRegistry registry = LeashRuntime.registry();
    long acquired = registry.acquiredCount();
    long released = registry.releasedCount();

    Soak.Result r = Soak.run(ds, SoakTest.THREADS, Integer.MAX_VALUE, System.nanoTime() + RUN.toNanos(), 1_000, MAX_LEAKS,
        "SELECT ?", THRESHOLD, dev.leash.config.LeashConfig.defaults().poolWaitThreshold());

    Soak.verify(logs, marker, r, acquired, released, THRESHOLD);
    Soak.returnLeaks(logs, marker, r);
  }
}
