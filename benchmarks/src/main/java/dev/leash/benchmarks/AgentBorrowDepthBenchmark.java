package dev.leash.benchmarks;

import java.sql.SQLException;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

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
@Fork(jvmArgsAppend = {"-javaagent:" + AgentJar.PATH, "-D" + AgentJar.FORK_PROPERTY + "=true"})
public class AgentBorrowDepthBenchmark extends DepthBenchmarkBase {

  /** One value: the name {@code summarise.py} and the docs' table give this variant. */
  @Param({"agent"})
  public String mode;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    // Plain HikariCP: under the agent, its getConnection() and its connections' close() are woven.
    BorrowDepthBenchmark.Trial trial = new BorrowDepthBenchmark.Trial("agentdepth", "raw");
    // Checked once the pool is open (JDBC classes loaded), so an agent that installs lazily is there by now.
    boolean agent = AgentCheck.agentTracking();
    if (!agent && Boolean.getBoolean(AgentJar.FORK_PROPERTY)) {
      trial.close();
      throw new IllegalStateException("started with -javaagent:" + AgentJar.PATH + " but the Leash agent is not "
          + "tracking in this JVM");
    }
    if (!agent) {
      System.out.println("AgentBorrowDepthBenchmark: no Leash agent in this JVM (in-process run, -f 0?): "
          + "measuring raw HikariCP, not the agent");
    }
    measure(trial);
  }
}
