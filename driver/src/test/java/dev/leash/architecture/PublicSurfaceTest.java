package dev.leash.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.jdbc.LeashDriver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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

  @Test
  void thePublicTypesAreExactlyTheListedOnes() throws Exception {
    Path root = Paths.get(LeashDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(publicTypes(root, "dev.leash.internal."))
        .as("public types outside dev.leash.internal: a change here is an API decision; update PUBLIC_TYPES")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }

  @Test
  void thePublicMembersAreExactlyTheListedOnes() throws Exception {
    Set<String> found = PublicMembers.of(PUBLIC_TYPES, PublicSurfaceTest.class.getClassLoader());
    if (Boolean.getBoolean("leash.publicMembers.write")) {
      Files.write(Paths.get("src/test/resources/dev/leash/architecture", MEMBERS), found, StandardCharsets.UTF_8);
      return;
    }
    Set<String> listed = listedMembers(PublicSurfaceTest.class, MEMBERS);
    assertThat(difference(found, listed)).as("public members not in " + MEMBERS + ": an API decision; list them").isEmpty();
    assertThat(difference(listed, found)).as("members in " + MEMBERS + " that are gone: an API decision; remove them").isEmpty();
  }

  @Test
  void theEventRecordsCannotBeChanged() throws Exception {
    List<String> mutable = new ArrayList<>();
    for (String name : PUBLIC_TYPES) {
      if (name.startsWith("dev.leash.event.")) {
        mutable.addAll(PublicMembers.mutators(Class.forName(name, false, PublicSurfaceTest.class.getClassLoader())));
      }
    }
    assertThat(mutable).as("events are immutable values: no setters, every field final").isEmpty();
  }

  /** The lines of a member list beside {@code owner}: blank lines and {@code #} comments are not members. */
  static Set<String> listedMembers(Class<?> owner, String resource) throws IOException {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " beside " + owner.getName()).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
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
