package dev.leash.benchmarks;

/**
 * Where the benchmarks build put the Leash agent: {@code leash-agent.jar} beside {@code benchmarks.jar}, copied
 * there from the javaagent module by this module's build. Generated from {@code src/main/java-templates} (Maven
 * resource filtering), because a JMH {@code @Fork} argument must be a compile-time constant.
 */
final class AgentJar {

  /** The absolute path of the agent jar, as the build wrote it. */
  static final String PATH = "${leash.agent.jar}";

  /** Set in a fork that {@link AgentBorrowDepthBenchmark} started with {@code -javaagent}: the agent must be there. */
  static final String FORK_PROPERTY = "bench.agent.fork";

  private AgentJar() {}
}
