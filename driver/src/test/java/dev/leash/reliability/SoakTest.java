package dev.leash.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.reliability.Soak.Mode;
import dev.leash.reliability.Soak.Pool;
import dev.leash.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Load and exactness on H2: 16 threads × 3,125 borrow/use/return cycles through HikariCP and DBCP2, in
 * the wrapper mode and in URL mode under the pool, with one leak in 5,000 cycles planted at three known
 * sites. Every planted leak is reported exactly once with its site, nothing else is reported, the
 * registry holds exactly the planted leases and its counters balance. Heap returns to its baseline.
 */
class SoakTest {

  // One second: on a two-CPU CI machine running the whole suite, a plain SELECT was once seen held over
  // 500 ms in a statement (a correct connection.held.busy, but not what this test is about).
  static final Duration THRESHOLD = Duration.ofSeconds(1);
  static final int THREADS = 16;
  static final int CYCLES = 3_125;
  static final int LEAK_EVERY = 5_000;

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

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"HIKARI, WRAP", "HIKARI, URL", "DBCP2, WRAP", "DBCP2, URL"})
  void everyPlantedLeakIsReportedOnceAndNothingElse(Pool pool, Mode mode) throws Exception {
    String marker = "soak_" + pool + "_" + mode + "_" + System.nanoTime();
    int maxLeaks = THREADS * CYCLES / LEAK_EVERY;
    DataSource ds = Soak.open(pool, mode, "jdbc:h2:mem:" + marker + ";DB_CLOSE_DELAY=-1", "sa", "", THRESHOLD,
        THREADS + maxLeaks + 2, toClose);
    Duration waitThreshold = LeashConfig.defaults().poolWaitThreshold();
    Soak.Result warm = Soak.run(ds, THREADS, 50, Long.MAX_VALUE + System.nanoTime(), Integer.MAX_VALUE, 0, "SELECT ?", THRESHOLD,
        waitThreshold);
    long heapBefore = usedHeapAfterGc();
    LeaseRegistry registry = LeashRuntime.registry();
    long acquired = registry.acquiredCount();
    long released = registry.releasedCount();

    Soak.Result r = Soak.run(ds, THREADS, CYCLES, System.nanoTime() + Duration.ofSeconds(60).toNanos(), LEAK_EVERY,
        maxLeaks, "SELECT ?", THRESHOLD, waitThreshold);
    r.addMeasured(warm); // the warm-up's reports are about the same pool

    assertThat(r.plantedTotal()).isEqualTo(maxLeaks);
    Soak.verify(logs, marker, r, acquired, released, THRESHOLD);
    Soak.returnLeaks(logs, marker, r);
    r = null;
    long heapAfter = usedHeapAfterGc();
    assertThat(heapAfter - heapBefore).as("heap growth after %s cycles, bytes", THREADS * CYCLES)
        .isLessThan(8L << 20);
  }

  static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      min = Math.min(min, memory.getHeapMemoryUsage().getUsed());
    }
    return min;
  }
}
