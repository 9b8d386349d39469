package dev.leash.benchmarks;

import dev.leash.benchmarks.app.ShopController;
import dev.leash.benchmarks.framework.BorrowHook;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link BorrowDepthBenchmark}'s borrow + return (plain HikariCP, pool of 4, one thread, no query, {@code depth}
 * application frames deep), tracked by the Leash agent alone: each fork starts with
 * {@code -javaagent:<benchmarks/target/leash-agent.jar>} ({@link AgentJar}). A separate class because only a fork
 * can have an agent; its name contains {@code BorrowDepthBenchmark}, so {@code benchmarks.jar BorrowDepthBenchmark}
 * runs it beside {@code raw}, {@code hikariLeakDetection} and {@code leashWrap}, and one run gives every ratio
 * ({@code summarise.py} files it under {@code BorrowDepthBenchmark} with {@code mode=agent}).
 *
 * <p>Issue 21's goal: {@code agent} costs no more than {@code leashWrap} at each depth.
 *
 * <p>In-process ({@code -f 0}, CI's smoke) there is no agent: the trial says so on stdout and measures raw
 * HikariCP. In a fork this class started, a missing agent fails the trial instead of measuring the wrong thing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-javaagent:" + AgentJar.PATH, "-D" + AgentJar.FORK_PROPERTY + "=true"})
public class AgentBorrowDepthBenchmark {

  /** One value: the name {@code summarise.py} and the docs' table give this variant. */
  @Param({"agent"})
  public String mode;

  @Param({"10", "50", "150"})
  public int depth;

  private final Connection[] keeper = new Connection[1];
  private Pools.Setup pool;
  private BorrowHook hook;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    String url = H2Fixture.create("agentdepth", keeper);
    // Plain HikariCP: under the agent, its getConnection() and its connections' close() are woven.
    pool = Pools.open("raw", "jdbc:" + url, 4, null);
    // Checked once the pool is open (JDBC classes loaded), so an agent that installs lazily is there by now.
    boolean agent = AgentCheck.agentTracking();
    if (!agent && Boolean.getBoolean(AgentJar.FORK_PROPERTY)) {
      pool.close();
      throw new IllegalStateException("started with -javaagent:" + AgentJar.PATH + " but the Leash agent is not "
          + "tracking in this JVM");
    }
    if (!agent) {
      System.out.println("AgentBorrowDepthBenchmark: no Leash agent in this JVM (in-process run, -f 0?): "
          + "measuring raw HikariCP, not the agent");
    }
    hook = new BorrowDepthBenchmark.Borrow(pool.dataSource);
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
    H2Fixture.close(keeper[0]);
  }

  @Benchmark
  public Object borrowAtDepth() {
    return ShopController.handle(depth, hook);
  }
}
