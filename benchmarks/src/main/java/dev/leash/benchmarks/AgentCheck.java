package dev.leash.benchmarks;

/** Whether the Leash agent runs in this JVM: its hooks are in the bootstrap class loader with their delegate set. */
final class AgentCheck {

  private static final String HOOKS = "dev.leash.agent.bootstrap.LeashHooks";

  private AgentCheck() {}

  static boolean agentTracking() {
    try {
      Class<?> hooks = Class.forName(HOOKS, false, null);
      return hooks.getField("delegate").get(null) != null;
    } catch (ReflectiveOperationException | LinkageError absent) {
      return false;
    }
  }
}
