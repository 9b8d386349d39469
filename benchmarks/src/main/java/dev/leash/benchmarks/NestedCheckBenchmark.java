package dev.leash.benchmarks;

import dev.leash.config.LeashConfig;
import dev.leash.internal.track.Clock;
import dev.leash.internal.track.Lease;
import dev.leash.internal.track.Pool;
import dev.leash.internal.track.LeaseRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 10: the nested-acquisition check that every tracked acquisition makes, twice (at its start and
 * its end): "does this thread hold an open lease of this pool?" — a thread-local list lookup.
 * {@code noneHeld} is the common case; {@code otherPoolHeld} is a thread holding a connection of another
 * pool (the list is scanned); {@code samePoolHeld} finds one (then Leash also checks the stack, but only
 * in that rare case).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NestedCheckBenchmark {

  private LeaseRegistry empty;
  private LeaseRegistry registry;
  private Pool pool;
  private Pool otherPool;
  private Lease held;

  @Setup(Level.Trial)
  public void setUp() {
    empty = new LeaseRegistry(Clock.SYSTEM, false);
    registry = new LeaseRegistry(Clock.SYSTEM, false);
    pool = new Pool(registry, "pool", "jdbc:h2:mem:a", LeashConfig.defaults());
    otherPool = new Pool(registry, "other", "jdbc:h2:mem:b", LeashConfig.defaults());
    held = registry.start(otherPool, null); // this (benchmark) thread holds a lease of otherPool
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.end(held);
  }

  @Benchmark
  public Object noneHeld() {
    return empty.heldByCurrentThread(pool);
  }

  @Benchmark
  public Object otherPoolHeld() {
    return registry.heldByCurrentThread(pool);
  }

  @Benchmark
  public Object samePoolHeld() {
    return registry.heldByCurrentThread(otherPool);
  }
}
