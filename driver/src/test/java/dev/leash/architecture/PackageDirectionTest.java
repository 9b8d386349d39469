package dev.leash.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.jdbc.LeashDriver;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md, "Layout"), checked on the compiled classes of the driver:
 *
 * <pre>
 *   jdbc (LeashDriver, LeashDataSource, Leash)                    public entry points: may use anything
 *     internal.jdbc   the wrappers, the URL splitter         -> internal.track (+ leaves)
 *     internal        the runtime's wiring (LeashRuntime)     -> internal.jdbc (the runtime it hands down), internal.track,
 *                                                                 the outputs (+ leaves)
 *       report | internal.metrics <- metrics | internal.jfr   the outputs: read events (+ their own library)
 *       internal.jmx  the MBean                               -> jmx, internal.track (dump reads the lease table)
 *       (internal.jfr and internal.jmx also -> report: its formatter is the one place for sentences)
 *     internal.track  the lease table, leak detection          -> config, event, internal.pool, internal.util
 *     internal.pool   one adapter per pool kind                -> internal.util
 *     internal.config the sources of the keys (ConfigLoader)   -> config, internal.util
 *   leaves: config, event, jmx, internal.util                  JDK only, nothing of Leash
 * </pre>
 *
 * {@code internal.util} (secret masking, the last-resort stderr notice, the report-once guard) may be used
 * by every internal package and output.
 *
 * Decided here: {@code event} does not use {@code config} (the records carry plain values); the agent and
 * the starter are other modules that depend on the driver and are not checked here.
 */
class PackageDirectionTest {

  private static final String CONFIG = "dev.leash.config";
  private static final String EVENT = "dev.leash.event";
  private static final String JDBC = "dev.leash.jdbc";
  private static final String JMX = "dev.leash.jmx";
  private static final String METRICS = "dev.leash.metrics";
  private static final String REPORT = "dev.leash.report";
  private static final String INTERNAL = "dev.leash.internal";
  private static final String INTERNAL_CONFIG = "dev.leash.internal.config";
  private static final String INTERNAL_JDBC = "dev.leash.internal.jdbc";
  private static final String INTERNAL_JFR = "dev.leash.internal.jfr";
  private static final String INTERNAL_JMX = "dev.leash.internal.jmx";
  private static final String INTERNAL_METRICS = "dev.leash.internal.metrics";
  private static final String TRACK = "dev.leash.internal.track";
  private static final String POOL = "dev.leash.internal.pool";
  private static final String UTIL = "dev.leash.internal.util";

  /** Each package of the driver → the other Leash packages it may use. A new package needs a line here. */
  private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
      Map.entry(CONFIG, Set.of()),
      Map.entry(EVENT, Set.of()),
      Map.entry(JMX, Set.of()),
      Map.entry(UTIL, Set.of()),
      Map.entry(INTERNAL_CONFIG, Set.of(CONFIG, UTIL)),
      // What each pool is (its classes, names, counts, frames, timeout): data the tracking core asks, JDK only.
      Map.entry(POOL, Set.of(UTIL)),
      Map.entry(TRACK, Set.of(CONFIG, EVENT, UTIL, POOL)),
      Map.entry(REPORT, Set.of(EVENT, UTIL)),
      Map.entry(INTERNAL_METRICS, Set.of(EVENT, UTIL)),
      Map.entry(METRICS, Set.of(INTERNAL_METRICS)),
      // JFR and the MBean take their sentences from report's one formatter (ReportText), never write their own.
      Map.entry(INTERNAL_JFR, Set.of(EVENT, UTIL, REPORT)),
      Map.entry(INTERNAL_JMX, Set.of(JMX, TRACK, UTIL, REPORT)),
      // The wiring creates the runtime it hands to the wrappers (internal.jdbc.TrackingRuntime): never the reverse.
      Map.entry(INTERNAL, Set.of(CONFIG, EVENT, UTIL, TRACK, REPORT, INTERNAL_METRICS, INTERNAL_JFR, INTERNAL_JMX,
          INTERNAL_JDBC)),
      Map.entry(INTERNAL_JDBC, Set.of(CONFIG, EVENT, UTIL, TRACK, POOL)),
      Map.entry(JDBC, Set.of(CONFIG, EVENT, JMX, UTIL, INTERNAL_CONFIG, TRACK, REPORT, INTERNAL_METRICS, METRICS,
          INTERNAL_JFR, INTERNAL_JMX, INTERNAL, INTERNAL_JDBC, POOL)));

  /**
   * Known breaks of the rules above, as exact class edges, each kept until the work that removes it lands.
   * This list only shrinks: a new break is a design question, not a line to add. Empty: the wrappers are
   * handed their runtime ({@code internal.jdbc.TrackingRuntime}) by the entry points and never look it up.
   */
  private static final Set<String> KNOWN_BREAKS = Set.of();

  /** Third-party packages (by prefix) and the only Leash packages that may use them; the rest is JDK only. */
  private static final Map<String, Set<String>> LIBRARIES = Map.of(
      "org.slf4j.", Set.of(REPORT),
      "io.micrometer.", Set.of(METRICS, INTERNAL_METRICS),
      "jdk.jfr.", Set.of(INTERNAL_JFR));

  private static Map<String, Set<String>> classes;

  @BeforeAll
  static void readClasses() throws URISyntaxException {
    Path root = Paths.get(LeashDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    classes = ClassReferences.classesUnder(root);
    assertThat(classes).as("compiled classes under %s", root).containsKey(LeashDriver.class.getName());
  }

  @Test
  void everyPackageHasARule() {
    Set<String> packages = new TreeSet<>();
    classes.keySet().forEach(c -> packages.add(ClassReferences.packageOf(c)));
    assertThat(MAY_USE.keySet()).as("a new package needs its place in MAY_USE").containsAll(packages);
  }

  @Test
  void dependenciesPointOneWay() {
    List<String> breaks = new ArrayList<>();
    Set<String> seenKnown = new TreeSet<>();
    classes.forEach((from, refs) -> {
      String fromPackage = ClassReferences.packageOf(from);
      for (String to : refs) {
        String toPackage = ClassReferences.packageOf(to);
        if (!to.startsWith("dev.leash.") || toPackage.equals(fromPackage)
            || MAY_USE.getOrDefault(fromPackage, Set.of()).contains(toPackage)) {
          continue;
        }
        String edge = from + " -> " + to;
        if (KNOWN_BREAKS.contains(edge)) {
          seenKnown.add(edge);
        } else {
          breaks.add(edge);
        }
      }
    });
    assertThat(breaks).as("imports that point the wrong way (see MAY_USE)").isEmpty();
    assertThat(seenKnown).as("a known break that is gone: delete it from KNOWN_BREAKS").isEqualTo(KNOWN_BREAKS);
  }

  @Test
  void librariesStayInTheirOutputs() {
    List<String> misplaced = new ArrayList<>();
    classes.forEach((from, refs) -> {
      String fromPackage = ClassReferences.packageOf(from);
      for (String to : refs) {
        if (to.startsWith("java.") || to.startsWith("javax.") || to.startsWith("dev.leash.")) {
          continue;
        }
        boolean allowed = LIBRARIES.entrySet().stream()
            .anyMatch(l -> to.startsWith(l.getKey()) && l.getValue().contains(fromPackage));
        if (!allowed) {
          misplaced.add(from + " -> " + to);
        }
      }
    });
    assertThat(misplaced).as("non-JDK classes outside the output that owns the library").isEmpty();
  }

  @Test
  void noPackageCycles() {
    Map<String, Set<String>> graph = new TreeMap<>();
    classes.forEach((from, refs) -> {
      String fromPackage = ClassReferences.packageOf(from);
      Set<String> out = graph.computeIfAbsent(fromPackage, k -> new TreeSet<>());
      for (String to : refs) {
        String toPackage = ClassReferences.packageOf(to);
        if (to.startsWith("dev.leash.") && !toPackage.equals(fromPackage)) {
          out.add(toPackage);
        }
      }
    });
    assertThat(cycles(graph)).as("package cycles (strongly connected groups of packages)").isEmpty();
  }

  /** The strongly connected components of more than one package (Tarjan's algorithm). */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    List<Set<String>> out = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        strongConnect(node, graph, index, low, stack, onStack, out);
      }
    }
    return out;
  }

  private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strongConnect(w, graph, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }

  @Test
  void theCycleCheckFindsACycle() {
    Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
  }
}
