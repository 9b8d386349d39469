package dev.leash.benchmarks;

import dev.leash.benchmarks.app.ShopController;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What it costs to record where a connection was borrowed, per strategy and stack depth.
 *
 * <p>Each benchmark recurses {@code depth} frames through four application classes
 * ({@code dev.leash.benchmarks.app}), then through four pool/framework frames
 * ({@code dev.leash.benchmarks.framework}, excluded like {@code com.zaxxer.hikari.}), then captures.
 * Under the benchmark method sit about ten JMH and reflection frames. Subtract
 * {@code baseline_recurseOnly} to get the capture alone.
 *
 * <p>Each benchmark runs in its own fork, so the hook call site is monomorphic as in production.
 * {@link CaptureSanity} checks that all strategies agree on the site.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CaptureBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s</pre>
 *
 * <p>First results (2 shared cores, JDK 17 and 25, noisy): {@code new Throwable()} 1–4 µs growing
 * with depth; a site-only walk with the memo 1.5–1.8 µs flat; any 32-frame StackWalker walk 5 µs or
 * more before method names and keys (StackWalker fills each frame at ~150 ns), the bounded dedup
 * design 10–30 µs; the raw 48-prefix scan costs ~1 µs per capture against ~50 ns memoised.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureBenchmark {

  /** The stack depth; only the capture benchmarks use it, so the filter ones run once. */
  @State(Scope.Thread)
  public static class Stack {
    /** Application frames between the benchmark method and the framework frames. */
    @Param({"10", "50", "150"})
    public int depth;
  }

  /**
   * The frames a Spring {@code JdbcTemplate} call over HikariCP puts above the application, top
   * first, ending at the application frame: what site selection scans on every borrow.
   */
  @State(Scope.Benchmark)
  public static class Frames {
    final String[] classNames = {
      "dev.leash.benchmarks.CaptureStrategy$6",
      "dev.leash.benchmarks.CaptureStrategy$6",
      "com.zaxxer.hikari.pool.HikariPool",
      "com.zaxxer.hikari.HikariDataSource",
      "org.springframework.jdbc.datasource.DataSourceUtils",
      "org.springframework.jdbc.datasource.DataSourceUtils",
      "org.springframework.jdbc.core.JdbcTemplate",
      "org.springframework.jdbc.core.JdbcTemplate",
      "org.springframework.jdbc.core.JdbcTemplate",
      "com.example.shop.OrderRepository",
    };
    final SiteFilter filter = new SiteFilter(SiteFilter.DEFAULT_EXCLUDED);
  }

  @Benchmark
  public Object baseline_recurseOnly(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.BASELINE);
  }

  @Benchmark
  public Object throwable_lazy(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.THROWABLE_LAZY);
  }

  @Benchmark
  public Object throwable_getStackTrace(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.THROWABLE_GET_STACK_TRACE);
  }

  @Benchmark
  public Object threadGetStackTrace(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.THREAD_GET_STACK_TRACE);
  }

  @Benchmark
  public Object stackWalker_siteOnly(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_SITE_ONLY);
  }

  @Benchmark
  public Object stackWalker_siteOnlyMemo(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_SITE_ONLY_MEMO);
  }

  @Benchmark
  public Object stackWalker_bounded(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_BOUNDED);
  }

  @Benchmark
  public Object stackWalker_boundedMemo(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_BOUNDED_MEMO);
  }

  @Benchmark
  public Object stackWalker_boundedCachedSite(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_BOUNDED_CACHED_SITE);
  }

  @Benchmark
  public Object stackWalker_boundedFull(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_BOUNDED_FULL);
  }

  /** Diagnostic floor: the bounded walk without method names, key or site element. */
  @Benchmark
  public Object stackWalker_walkOnly(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_WALK_ONLY);
  }

  @Benchmark
  public Object stackWalker_classRefs(Stack s) {
    return ShopController.handle(s.depth, CaptureStrategy.STACK_WALKER_CLASS_REFS);
  }

  /** Site selection alone by prefix scan: index of the first application frame. */
  @Benchmark
  public int siteFilter_prefixScan(Frames f) {
    String[] names = f.classNames;
    for (int i = 0; i < names.length; i++) {
      if (!f.filter.scan(names[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Site selection alone with the per-class-name memo. */
  @Benchmark
  public int siteFilter_memo(Frames f) {
    String[] names = f.classNames;
    for (int i = 0; i < names.length; i++) {
      if (!f.filter.memo(names[i])) {
        return i;
      }
    }
    return -1;
  }
}
