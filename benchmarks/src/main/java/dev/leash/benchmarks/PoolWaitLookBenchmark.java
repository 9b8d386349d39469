package dev.leash.benchmarks;

import dev.leash.config.LeashConfig;
import dev.leash.internal.track.Clock;
import dev.leash.internal.track.Lease;
import dev.leash.internal.track.Pool;
import dev.leash.internal.track.LeaseRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 5, URL mode: one look of the watchdog at the threads while a pool is dry (every connection
 * leased): the top frames of every thread, and those inside the pool's acquisition method counted. Not on
 * any application thread's path, but it stops all threads at a safepoint, so its cost is what an
 * application pays per look while a pool is dry. {@code threads} parked threads, of which {@code waiting}
 * are inside the (stand-in) pool's acquisition method. The clock jumps 10 s per look, so that the
 * watchdog's own cost limiter never skips one; reports are off, so only the look is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PoolWaitLookBenchmark {

  @Param({"100", "500"})
  public int threads;

  @Param({"0", "50"})
  public int waiting;

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> started = new ArrayList<>();
  private LeaseRegistry registry;
  private Lease held;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    registry = new LeaseRegistry(new JumpingClock(), false);
    Pool owner = new Pool(registry, "pool", "jdbc:h2:mem:look", LeashConfig.builder().poolReportsEnabled(false).build());
    owner.urlMode("StandInPool getConnection()", List.of(StandInPool.class.getName() + ".getConnection"));
    owner.connectionOpened();
    held = registry.start(owner, null); // the pool's only connection is leased: the pool may be dry
    for (int i = 0; i < threads; i++) {
      boolean inPool = i < waiting;
      Thread t = new Thread(() -> {
        if (inPool) {
          StandInPool.getConnection(release);
        } else {
          StandInPool.elsewhere(release);
        }
      }, "parked-" + i);
      t.setDaemon(true);
      t.start();
      started.add(t);
    }
    for (Thread t : started) {
      while (t.getState() != Thread.State.WAITING) {
        Thread.sleep(1);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    release.countDown();
    registry.end(held);
  }

  @Benchmark
  public void lookAtThreads() {
    registry.samplePools();
  }

  /** A pool's acquisition method, and somewhere else to park. */
  static final class StandInPool {
    static void getConnection(CountDownLatch release) {
      park(release);
    }

    static void elsewhere(CountDownLatch release) {
      park(release);
    }

    private static void park(CountDownLatch release) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The real clock plus 10 s more at every reading. */
  static final class JumpingClock implements Clock {
    private long jump;

    @Override
    public long nanoTime() {
      jump += TimeUnit.SECONDS.toNanos(10);
      return System.nanoTime() + jump;
    }

    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }
  }
}
