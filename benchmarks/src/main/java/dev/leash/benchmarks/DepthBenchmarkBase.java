package dev.leash.benchmarks;

import dev.leash.benchmarks.app.ShopController;
import dev.leash.benchmarks.framework.BorrowHook;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The measured borrow of {@link BorrowDepthBenchmark} and {@link AgentBorrowDepthBenchmark}: a borrow + return
 * {@code depth} application frames deep, on the {@link BorrowDepthBenchmark.Trial} a subclass opens in its own
 * {@code @Setup} (with its own {@code mode}). Abstract, so JMH runs it only as those two, under their names.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class DepthBenchmarkBase {

  @Param({"10", "50", "150"})
  public int depth;

  private BorrowDepthBenchmark.Trial trial;
  /** Copied from the trial: the measured call reads one field of this state. */
  private BorrowHook hook;

  /** From the subclass's {@code @Setup}: the trial to measure and close. */
  void measure(BorrowDepthBenchmark.Trial opened) {
    trial = opened;
    hook = opened.hook;
  }

  @TearDown(Level.Trial)
  public void close() {
    trial.close();
  }

  @Benchmark
  public Object borrowAtDepth() {
    return ShopController.handle(depth, hook);
  }
}
