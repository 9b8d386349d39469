package dev.leash.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * Borrow + return through HikariCP (pool of 4) on H2 in memory, with and without one query inside,
 * on 1, 2 and 8 threads (one {@code @Benchmark} method per thread count; 8 threads on a pool of 4
 * includes HikariCP's hand-off between waiting threads). Modes: see {@link Pools#open}.
 *
 * <p>Agent mode: the agent is a separate jar. Run the {@code raw} mode in a fork with the agent, so the
 * agent instruments the plain HikariCP pool:
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar 'BorrowReturnBenchmark' -p mode=raw \
 *     -jvmArgsAppend -javaagent:javaagent/target/leash-agent.jar</pre>
 *
 * or {@code java -Dbench.agent.jar=... -cp benchmarks/target/benchmarks.jar dev.leash.benchmarks.AgentRun},
 * which does the same through the JMH API and labels the result {@code agent}.
 *
 * <p>Targets (issues 8 and 21): {@code leashWrapDepth0} ≤ 1.5× {@code raw} (docs/benchmarks.md, "leash.stack.depth=0:
 * where the time goes"; {@link BorrowCpuTime} compares the same modes on a busy machine); full tracking vs HikariCP's
 * leak detection at depth is {@link BorrowDepthBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BorrowReturnBenchmark {

  /** The pool, shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class Pool {
    @Param({"raw", "hikariLeakDetection", "leashWrap", "leashWrapDepth0", "leashWrapDepth0NoOutputs", "leashWrapNoOutputs", "leashUrl", "datasourceProxy"})
    public String mode;

    /** Whether one query (prepare, bind, execute, read a row, close) runs while the connection is held. */
    @Param({"false", "true"})
    public boolean query;

    private final Connection[] keeper = new Connection[1];
    Pools.Setup pool;

    @Setup(Level.Trial)
    public void open() throws SQLException {
      String url = H2Fixture.create("borrow", keeper);
      pool = Pools.open(mode, "jdbc:" + url, 4, null);
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
      H2Fixture.close(keeper[0]);
    }
  }

  static Object borrowReturn(Pool p) throws SQLException {
    try (Connection c = p.pool.dataSource.getConnection()) {
      if (p.query) {
        return H2Fixture.queryOne(c, 1 + ThreadLocalRandom.current().nextInt(H2Fixture.ROWS));
      }
      return c;
    }
  }

  @Benchmark
  @Threads(1)
  public Object threads1(Pool p) throws SQLException {
    return borrowReturn(p);
  }

  @Benchmark
  @Threads(2)
  public Object threads2(Pool p) throws SQLException {
    return borrowReturn(p);
  }

  @Benchmark
  @Threads(8)
  public Object threads8(Pool p) throws SQLException {
    return borrowReturn(p);
  }
}
