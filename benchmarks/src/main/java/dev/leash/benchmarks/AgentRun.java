package dev.leash.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link BorrowReturnBenchmark} and {@link RealisticLoopBenchmark} in {@code raw} mode inside a
 * fork started with {@code -javaagent:<bench.agent.jar>}: plain HikariCP, tracked by the agent alone.
 * Without {@code -Dbench.agent.jar} (the agent is not built on every branch) it says so and exits 0.
 *
 * <pre>java -Dbench.agent.jar=javaagent/target/leash-agent.jar -cp benchmarks/target/benchmarks.jar \
 *     dev.leash.benchmarks.AgentRun [JMH options, e.g. -f 1 -wi 2 -i 3]</pre>
 *
 * Compare with the {@code raw} rows of a run without the agent made just before, on the same machine.
 */
public final class AgentRun {

  private AgentRun() {}

  public static void main(String[] args) throws Exception {
    String jar = System.getProperty("bench.agent.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      System.out.println("AgentRun: no agent jar (-Dbench.agent.jar=" + jar + "); agent benchmarks skipped.");
      return;
    }
    Options base = new CommandLineOptions(args);
    Options opts = new OptionsBuilder()
        .parent(base)
        .include("BorrowReturnBenchmark|RealisticLoopBenchmark")
        .param("mode", "raw")
        .param("db", Suite.postgresReachable() ? new String[] {"h2", "postgresql"} : new String[] {"h2"})
        .jvmArgsAppend("-javaagent:" + Path.of(jar).toAbsolutePath())
        .resultFormat(ResultFormatType.JSON)
        .result(base.getResult().orElse("benchmarks/results-agent.json"))
        .build();
    new Runner(opts).run();
  }
}
