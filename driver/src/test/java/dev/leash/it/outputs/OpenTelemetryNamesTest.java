package dev.leash.it.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.metrics.LeashMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leash's meters against the OpenTelemetry database-client conventions ({@code model/db/metrics.yaml},
 * v1.44.0; the connection metrics and their attribute keys are unchanged since 1.27.0), against the
 * README's meter table and against the "Metrics" list of the product contract. Tomcat JDBC reports every
 * count the conventions name (idle bounds included), so a Tomcat JDBC pool shows the full set.
 */
class OpenTelemetryNamesTest {

  private static final String POOL = "db.client.connection.pool.name";
  private static final String STATE = "db.client.connection.state";

  /** Name → instrument and unit as the conventions give them ({@code leash.leaks} is Leash's own). */
  private static final Map<String, String> CONVENTIONS = new LinkedHashMap<>();

  static {
    CONVENTIONS.put("db.client.connection.count", "updowncounter {connection}");
    CONVENTIONS.put("db.client.connection.idle.max", "updowncounter {connection}");
    CONVENTIONS.put("db.client.connection.idle.min", "updowncounter {connection}");
    CONVENTIONS.put("db.client.connection.max", "updowncounter {connection}");
    CONVENTIONS.put("db.client.connection.pending_requests", "updowncounter {request}");
    CONVENTIONS.put("db.client.connection.timeouts", "counter {timeout}");
    CONVENTIONS.put("db.client.connection.create_time", "histogram s");
    CONVENTIONS.put("db.client.connection.wait_time", "histogram s");
    CONVENTIONS.put("db.client.connection.use_time", "histogram s");
    CONVENTIONS.put("leash.leaks", "counter {leak}");
  }

  private SimpleMeterRegistry meters;
  private org.apache.tomcat.jdbc.pool.DataSource pool;
  private String name;

  @BeforeAll
  static void outputsStarted() throws Exception {
    OutputsTesting.outputsStarted();
  }

  @BeforeEach
  void setUp() {
    meters = new SimpleMeterRegistry();
    new LeashMetrics().bindTo(meters);
    name = "otel_names_" + System.nanoTime();
    pool = new org.apache.tomcat.jdbc.pool.DataSource();
    pool.setName(name);
    pool.setUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    pool.setMaxActive(4);
    pool.setInitialSize(1);
    pool.setMaxIdle(3);
    pool.setMinIdle(1);
  }

  @AfterEach
  void tearDown() throws Exception {
    meters.close();
    pool.close();
  }

  /** The meters of this test's pool, name → the Micrometer type and unit as OpenTelemetry would call them. */
  private Map<String, String> exported() throws Exception {
    DataSource ds = LeashDataSource.wrap(pool, LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).build());
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection()) {
        c.isValid(1);
      }
    }
    assertThat(OutputsTesting.await(() -> meters.find("db.client.connection.idle.max").tag(POOL, name).gauge() != null, 5))
        .as("the optional gauges appear once the pool has started: %s", meters.getMeters().stream()
            .filter(m -> name.equals(m.getId().getTag(POOL))).map(m -> m.getId().toString()).collect(Collectors.toList()))
        .isTrue();
    Map<String, String> out = new TreeMap<>();
    for (Meter m : meters.getMeters()) {
      if (name.equals(m.getId().getTag(POOL))) {
        out.put(m.getId().getName(), otelKind(m));
      }
    }
    return out;
  }

  private static String otelKind(Meter m) {
    if (m instanceof Gauge) {
      return "updowncounter"; // an asynchronous up-down counter: a value read when scraped
    }
    if (m instanceof Counter || m instanceof FunctionCounter) {
      return "counter";
    }
    if (m instanceof Timer) {
      assertThat(((Timer) m).baseTimeUnit()).as(m.getId().getName()).isEqualTo(TimeUnit.SECONDS);
      assertThat(m.getId().getBaseUnit()).isEqualTo("seconds");
      return "histogram";
    }
    return m.getClass().getSimpleName();
  }

  @Test
  void everyMeterHasTheConventionsNameTypeAndUnitAndTheCurrentAttributeKeys() throws Exception {
    Map<String, String> exported = exported();
    Map<String, String> expected = new TreeMap<>();
    CONVENTIONS.forEach((n, kindAndUnit) -> expected.put(n, kindAndUnit.split(" ")[0]));
    assertThat(exported).containsExactlyEntriesOf(expected);

    for (Meter m : meters.getMeters()) {
      if (!name.equals(m.getId().getTag(POOL))) {
        continue;
      }
      Set<String> keys = m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
      assertThat(keys).as(m.getId().getName()).doesNotContain("pool.name", "state").contains(POOL);
      String unit = CONVENTIONS.get(m.getId().getName()).split(" ")[1];
      if (unit.startsWith("{")) {
        // Annotations such as {connection}: OpenTelemetry exporters drop them, and a Micrometer base
        // unit would become a Prometheus name suffix (db_client_connection_count_connection).
        assertThat(m.getId().getBaseUnit()).as(m.getId().getName()).isNull();
      }
      if (m.getId().getName().equals("db.client.connection.count")) {
        assertThat(keys).containsExactlyInAnyOrder(POOL, STATE);
        assertThat(m.getId().getTag(STATE)).isIn("used", "idle");
      }
    }
    assertThat(meters.get("db.client.connection.count").tag(POOL, name).tag(STATE, "idle").gauge()).isNotNull();
    assertThat(meters.get("db.client.connection.idle.max").tag(POOL, name).gauge().value()).isEqualTo(3.0);
    assertThat(meters.get("db.client.connection.idle.min").tag(POOL, name).gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("db.client.connection.max").tag(POOL, name).gauge().value()).isEqualTo(4.0);
  }

  @Test
  void theReadmeMeterTableListsExactlyTheseMeters() throws Exception {
    String readme = new String(Files.readAllBytes(Paths.get("..", "README.md")), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Metrics, JFR and JMX"));
    section = section.substring(0, section.indexOf("**JFR**"));
    Set<String> rows = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_.]+)(?:\\{[^`]*\\})?` \\|").matcher(section);
    while (row.find()) {
      rows.add(row.group(1));
    }
    assertThat(rows).isEqualTo(new TreeSet<>(exported().keySet()));
    assertThat(section).contains("`" + POOL + "`").contains("db_client_connection_pool_name=")
        .doesNotContain("{pool_name=").doesNotContain(",state=");
  }

  @Test
  void theProductContractListsExactlyTheseMeters() throws Exception {
    Path product = productContract();
    assumeThat(product).as("PRODUCT.md (shared/ beside the repository) is not on this machine").isNotNull();
    String text = new String(Files.readAllBytes(product), StandardCharsets.UTF_8);
    String section = text.substring(text.indexOf("## Metrics"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Set<String> listed = new TreeSet<>();
    Matcher name = Pattern.compile("`((?:db\\.client\\.connection|leash)\\.[a-z_.]+)`").matcher(section);
    while (name.find()) {
      listed.add(name.group(1));
    }
    listed.remove(POOL);
    listed.remove(STATE);
    assertThat(listed).isEqualTo(new TreeSet<>(exported().keySet()));
  }

  /** {@code shared/PRODUCT.md} in the nearest ancestor of the working directory that has one, or null. */
  private static Path productContract() throws IOException {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("PRODUCT.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
