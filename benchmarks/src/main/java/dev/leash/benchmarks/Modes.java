package dev.leash.benchmarks;

import java.sql.Connection;

/** Guards against a benchmark silently measuring the raw driver when a variant failed to wire in. */
final class Modes {

  private Modes() {}

  /** Fails the trial if {@code c} is not the wrapper that {@code mode} promises. */
  static void expectWrapped(String mode, Connection c) {
    String cls = c.getClass().getName();
    boolean ok;
    if (mode.startsWith("leash")) {
      ok = cls.startsWith("dev.leash.");
    } else if (mode.equals("p6spy")) {
      ok = cls.startsWith("com.p6spy.");
    } else if (mode.equals("datasourceProxy")) {
      ok = cls.contains("Proxy") && !cls.startsWith("com.zaxxer.") && !cls.startsWith("org.h2.");
    } else {
      ok = !cls.startsWith("dev.leash.") && !cls.startsWith("com.p6spy.");
    }
    if (!ok) {
      throw new IllegalStateException(mode + ": got a " + cls);
    }
  }
}
