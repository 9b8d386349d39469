package dev.leash.internal.util;

import java.util.List;

/**
 * Leash's own packages, in one place: the site filter never picks a frame of them as the site, stack
 * capture cuts them off the top of an acquisition stack, and the agent never instruments anything under
 * {@link #ROOT}. Leash's examples and the tests of its modules ({@code dev.leash.examples},
 * {@code dev.leash.it}, ...) are application code for the first two, as they are for a user.
 */
public final class LeashPackages {

  /** Every class of every Leash artifact, the shaded Byte Buddy in the agent included: never instrumented. */
  public static final String ROOT = "dev.leash.";

  /**
   * The packages of Leash's runtime (prefixes ending in '.'), whose frames are on the path of a tracked
   * JDBC call or of a report: the public entry points, the internals, the agent, the reporters and events.
   */
  public static final List<String> RUNTIME = List.of(
      "dev.leash.jdbc.", "dev.leash.internal.", "dev.leash.agent.", "dev.leash.report.", "dev.leash.event.");

  private LeashPackages() {}

  /** True for a class of Leash's runtime ({@link #RUNTIME}); one prefix test for any other class. */
  public static boolean isRuntime(String className) {
    if (!className.startsWith(ROOT)) {
      return false;
    }
    for (String p : RUNTIME) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
