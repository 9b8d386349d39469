package dev.leash.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.jdbc.LeashDriver;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The driver's public API is this list: every type an application can name (public or protected, and
 * every enclosing type too) outside {@code dev.leash.internal.*}. Adding or removing one is a decision
 * about what users may depend on, so it fails here until the list says so. Everything else belongs in
 * an {@code internal} package.
 *
 * <p>The same holds for their members: {@value #MEMBERS} (a resource beside this class) lists every public or
 * protected constructor, method and field of these types, one line each (see {@link PublicMembers}). A member
 * added, removed or changed fails here with the lines that differ; after deciding, run this test with
 * {@code -Dleash.publicMembers.write=true} to rewrite the file from the classes, and commit the diff it shows.
 * The event records are values: no setter and no field that is not final.
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

  static final String MEMBERS = "public-members.txt";

  private static final ClassLoader LOADER = PublicSurfaceTest.class.getClassLoader();

  @Test
  void thePublicTypesAreExactlyTheListedOnes() throws Exception {
    Path root = Paths.get(LeashDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(PublicMembers.publicTypes(root, name -> !name.startsWith("dev.leash.internal."), LOADER))
        .as("public types outside dev.leash.internal: a change here is an API decision; update PUBLIC_TYPES")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }

  @Test
  void thePublicMembersAreExactlyTheListedOnes() throws Exception {
    PublicMembers.assertListed(PublicMembers.of(PUBLIC_TYPES, LOADER), PublicSurfaceTest.class, MEMBERS);
  }

  @Test
  void theEventRecordsCannotBeChanged() throws Exception {
    List<String> mutable = new ArrayList<>();
    for (String name : PUBLIC_TYPES) {
      if (name.startsWith("dev.leash.event.")) {
        mutable.addAll(PublicMembers.mutators(Class.forName(name, false, LOADER)));
      }
    }
    assertThat(mutable).as("events are immutable values: no setters, every field final").isEmpty();
  }
}
