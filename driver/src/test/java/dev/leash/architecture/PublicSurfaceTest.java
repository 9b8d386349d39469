package dev.leash.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.jdbc.LeashDriver;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The driver's public API is this list: every type an application can name (public or protected, and
 * every enclosing type too) outside {@code dev.leash.internal.*}. Adding or removing one is a decision
 * about what users may depend on, so it fails here until the list says so. Everything else belongs in
 * an {@code internal} package.
 */
class PublicSurfaceTest {

  static final Set<String> PUBLIC_TYPES = Set.of(
      // Entry points.
      "dev.leash.jdbc.LeashDriver",
      "dev.leash.jdbc.LeashDataSource",
      "dev.leash.jdbc.Leash",
      "dev.leash.jdbc.Leash$Registration",
      // Configuration.
      "dev.leash.config.LeashConfig",
      "dev.leash.config.LeashConfig$Builder",
      "dev.leash.config.LeashConfigException",
      "dev.leash.config.ConfigKey",
      // Events and the listener SPI.
      "dev.leash.event.LeashListener",
      "dev.leash.event.StartedEvent",
      "dev.leash.event.LeaseView",
      "dev.leash.event.PoolView",
      "dev.leash.event.LeakEvent",
      "dev.leash.event.LeakEvent$Kind",
      "dev.leash.event.LeakEvent$PoolState",
      "dev.leash.event.PoolEvent",
      "dev.leash.event.PoolEvent$Kind",
      "dev.leash.event.PoolDiagnosis",
      "dev.leash.event.PoolDiagnosis$Cause",
      "dev.leash.event.PoolDiagnosis$Evidence",
      "dev.leash.event.PoolDiagnosis$RemoteCalls",
      "dev.leash.event.Holders",
      "dev.leash.event.HolderGroup",
      "dev.leash.event.HolderThread",
      "dev.leash.event.Waiters",
      "dev.leash.event.WaiterSite",
      "dev.leash.event.PoolSnapshot",
      "dev.leash.event.ConfigProblem",
      // Outputs a user binds or reads.
      "dev.leash.metrics.LeashMetrics",
      "dev.leash.jmx.LeashMXBean",

      // TODO(issue 18): public only because Leash's own packages call them (ReportText: the one formatter
      // that JFR, the MBean and the agent's dump read; Reporters: wired by the runtime); not meant for users.
      // Decide: dev.leash.internal.report, or document them as API.
      "dev.leash.report.ReportText",
      "dev.leash.report.Reporters");

  @Test
  void thePublicTypesAreExactlyTheListedOnes() throws Exception {
    Path root = Paths.get(LeashDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(publicTypes(root, "dev.leash.internal."))
        .as("public types outside dev.leash.internal: a change here is an API decision; update PUBLIC_TYPES")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }

  /** Binary names of the types under {@code root} that code outside their package can name. */
  static Set<String> publicTypes(Path root, String internalPrefix) throws Exception {
    Set<String> out = new TreeSet<>();
    ClassLoader loader = PublicSurfaceTest.class.getClassLoader();
    for (String file : ClassReferences.classFiles(root)) {
      String name = file.replace('/', '.');
      if (name.startsWith(internalPrefix) || name.endsWith("module-info") || name.endsWith("package-info")) {
        continue;
      }
      Class<?> type = Class.forName(name, false, loader);
      if (visible(type)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Public or protected, and so is every enclosing type; anonymous and local classes never are. */
  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()
          || (t.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) == 0) {
        return false;
      }
    }
    return true;
  }
}
