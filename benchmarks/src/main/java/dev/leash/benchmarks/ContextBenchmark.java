package dev.leash.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.LeaseContext;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.slf4j.helpers.BasicMDCAdapter;

/**
 * The cost of {@code leash.context.keys} on the borrow/return path: HikariCP pool of 4 on H2, one thread,
 * borrow + return through {@code LeashDataSource.wrap}, with the five default MDC keys read at each
 * acquisition. {@code variant}: {@code leashContextOff} ({@code leash.context.keys} empty: no MDC read
 * at all, what Leash did before), {@code leashMdcEmpty} (default keys, nothing in the MDC: the common case
 * without tracing), {@code leashMdcTwoKeys} ({@code trace_id} and {@code span_id} set, as the OpenTelemetry
 * agent does); {@code raw} and {@code hikariLeakDetection} are the baselines of the same run.
 *
 * <p>The Leash variants run with {@code leash.stack.depth=0}: the site walk (about 2 µs at depth 32, see
 * {@link BorrowDepthBenchmark}) would hide a difference of a few nanoseconds in the noise of a shared
 * machine. {@link #captureOnly} times the context copy alone: the five default keys read from the MDC.
 *
 * <p>The benchmark jar logs through slf4j-nop, whose MDC keeps nothing; Leash reads this benchmark's MDC
 * through SLF4J's {@code BasicMDCAdapter} instead, a thread-local map read like Logback's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ContextBenchmark {

  @Param({"raw", "hikariLeakDetection", "leashContextOff", "leashMdcEmpty", "leashMdcTwoKeys"})
  public String variant;

  private final Connection[] keeper = new Connection[1];
  private final BasicMDCAdapter adapter = new BasicMDCAdapter();
  private HikariDataSource hikari;
  private DataSource dataSource;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    String url = H2Fixture.create("context", keeper);
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("bench-context-" + variant);
    cfg.setMaximumPoolSize(4);
    cfg.setMinimumIdle(4);
    cfg.setJdbcUrl("jdbc:" + url);
    if (variant.equals("hikariLeakDetection")) {
      cfg.setLeakDetectionThreshold(60_000);
    }
    hikari = new HikariDataSource(cfg);
    if (variant.startsWith("leash")) {
      LeashConfig.Builder config = LeashConfig.builder().stackDepth(0);
      if (variant.equals("leashContextOff")) {
        config.contextKeys(List.of());
      }
      dataSource = LeashDataSource.wrap(hikari, config.build());
      try (Connection c = dataSource.getConnection()) {
        Modes.expectWrapped(variant, c);
      }
      LeashRuntime.registry().contextSource(adapter::get);
    } else {
      dataSource = hikari;
    }
    if (variant.equals("leashMdcTwoKeys")) {
      adapter.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
      adapter.put("span_id", "00f067aa0ba902b7");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    adapter.clear();
    hikari.close();
    H2Fixture.close(keeper[0]);
  }

  @Benchmark
  @Threads(1)
  public Object borrowReturn() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c;
    }
  }

  private static final String[] DEFAULT_KEYS = LeashConfig.defaults().contextKeys().toArray(new String[0]);

  /** What each acquisition adds: the default keys looked up in this thread's MDC (empty or with two keys). */
  @Benchmark
  @Threads(1)
  public String[] captureOnly() {
    return LeaseContext.capture(DEFAULT_KEYS, adapter::get);
  }
}
