package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leash.config.LeashConfig;
import dev.leash.event.StartedEvent;
import dev.leash.it.LeakyDao;
import dev.leash.jdbc.LeashDataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Leash's events rendered by Logback's own {@code JsonEncoder}, the way a service that ships JSON logs
 * would render them: every event is one line holding one JSON object, with the key-values, the
 * level, the logger, a message naming the site and, for a suspected leak, the acquisition stack.
 *
 * <p>What {@code JsonEncoder} (Logback 1.5) actually writes, asserted below: the key-values go in
 * {@code "kvpList"}, an array of one-entry objects in the order Leash added them, and every value is
 * a JSON string ({@code "held_ms":"203"}, not a number); the throwable is an object with
 * {@code className}, {@code message} and {@code stepArray} of {@code className/methodName/fileName/lineNumber}.
 */
class JsonLogTest {

  private static final Duration THRESHOLD = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Logger leashLogger = (Logger) LoggerFactory.getLogger("leash");
  private final Logger leakLogger = (Logger) LoggerFactory.getLogger("leash.leak");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final LeakyDao dao = new LeakyDao();
  private String db;
  private DataSource ds;

  @BeforeEach
  void setUp() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    appender.setContext(context);
    appender.setName("json-" + System.identityHashCode(this));
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    leashLogger.addAppender(appender);

    db = "json_" + System.nanoTime();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    ds = LeashDataSource.wrap(h2, LeashConfig.builder().leakThreshold(THRESHOLD).build());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS SLEEP FOR \"dev.leash.testing.H2Functions.sleep\"");
    }
  }

  @AfterEach
  void tearDown() {
    leakLogger.setLevel(null);
    leashLogger.detachAppender(appender);
    appender.stop();
  }

  @Test
  void suspectedLeakIsOneJsonObjectWithEveryKeyValueAndTheAcquisitionStack() throws Exception {
    Connection leaked = dao.leak(ds);
    JsonNode e = await("connection.leak.suspected");
    leaked.close();
    JsonNode returned = await("connection.leak.returned");

    String site = "dev.leash.it.LeakyDao.leak(LeakyDao.java:" + LeakyDao.LEAK_LINE + ")";
    assertThat(e.get("level").asText()).isEqualTo("WARN");
    assertThat(e.get("loggerName").asText()).isEqualTo("leash.leak");
    assertThat(e.get("threadName").asText()).isEqualTo("leash-watchdog");
    assertThat(e.get("message").asText()).startsWith("Connection leak suspected [connection.leak.suspected]: held ").contains(site);

    Map<String, String> kv = keyValues(e);
    assertThat(kv.keySet()).containsExactly("event", "lease_id", "pool", "db", "thread", "site", "held_ms", "idle_ms");
    assertThat(kv.get("event")).isEqualTo("connection.leak.suspected");
    assertThat(Long.parseLong(kv.get("lease_id"))).isPositive();
    assertThat(kv.get("pool")).isEqualTo("JdbcDataSource");
    assertThat(kv.get("db")).isEqualTo("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    assertThat(kv.get("thread")).isEqualTo(Thread.currentThread().getName());
    assertThat(kv.get("site")).isEqualTo(site);
    assertThat(e.get("kvpList").get(6).get("held_ms").isTextual()).as("Logback writes every value as a string").isTrue();
    assertThat(Long.parseLong(kv.get("held_ms"))).isGreaterThanOrEqualTo(THRESHOLD.toMillis());
    assertThat(Long.parseLong(kv.get("idle_ms"))).isGreaterThanOrEqualTo(THRESHOLD.toMillis());
    assertThat(e.get("message").asText()).contains("lease=" + kv.get("lease_id") + ")");

    JsonNode t = e.get("throwable");
    assertThat(t.isObject()).as("acquisition stack attached").isTrue();
    assertThat(t.get("className").asText()).isEqualTo(AcquisitionStack.class.getName());
    assertThat(t.get("message").asText()).isEqualTo("Connection acquired here by thread " + Thread.currentThread().getName());
    JsonNode steps = t.get("stepArray");
    assertThat(steps.size()).isBetween(2, LeashConfig.defaults().stackDepth());
    JsonNode top = steps.get(0);
    assertThat(top.get("className").asText()).isEqualTo(LeakyDao.class.getName());
    assertThat(top.get("methodName").asText()).isEqualTo("leak");
    assertThat(top.get("fileName").asText()).isEqualTo("LeakyDao.java");
    assertThat(top.get("lineNumber").asInt()).isEqualTo(LeakyDao.LEAK_LINE);
    assertThat(steps.get(1).get("className").asText()).isEqualTo(JsonLogTest.class.getName());

    assertThat(returned.get("level").asText()).isEqualTo("INFO");
    assertThat(returned.get("throwable").isNull()).isTrue();
    assertThat(returned.get("message").asText()).contains(site);
    Map<String, String> rkv = keyValues(returned);
    assertThat(rkv.keySet()).containsExactly("event", "lease_id", "pool", "db", "thread", "site", "held_ms");
    assertThat(rkv.get("lease_id")).isEqualTo(kv.get("lease_id"));
    assertThat(Long.parseLong(rkv.get("held_ms"))).isGreaterThanOrEqualTo(Long.parseLong(kv.get("held_ms")));

    assertEveryLineIsOneJsonObject();
  }

  @Test
  void heldBusyIsOneJsonObjectWithoutIdleTimeOrStack() throws Exception {
    dao.slowQuery(ds, THRESHOLD.toMillis() * 10); // wide margin: CI machines are shared and busy
    JsonNode e = await("connection.held.busy");

    assertThat(e.get("level").asText()).isEqualTo("INFO");
    assertThat(e.get("loggerName").asText()).isEqualTo("leash.leak");
    assertThat(e.get("throwable").isNull()).as("a long query is not a leak: no stack").isTrue();
    Map<String, String> kv = keyValues(e);
    assertThat(kv.keySet()).containsExactly("event", "lease_id", "pool", "db", "thread", "site", "held_ms");
    assertThat(kv.get("site")).startsWith("dev.leash.it.LeakyDao.slowQuery(LeakyDao.java:");
    assertThat(e.get("message").asText()).contains("busy in a statement").contains(kv.get("site"));
    assertThat(Long.parseLong(kv.get("held_ms"))).isGreaterThanOrEqualTo(THRESHOLD.toMillis());
    assertThat(events("connection.leak.suspected")).isEmpty();

    assertEveryLineIsOneJsonObject();
  }

  @Test
  void acquiredAndReleasedAtDebugAreJsonObjectsToo() throws Exception {
    leakLogger.setLevel(Level.DEBUG);
    dao.work(ds);

    JsonNode acquired = await("connection.acquired");
    JsonNode released = await("connection.released");
    assertThat(acquired.get("level").asText()).isEqualTo("DEBUG");
    assertThat(keyValues(acquired).keySet()).containsExactly("event", "lease_id", "pool", "db", "thread", "site");
    assertThat(keyValues(acquired).get("site")).startsWith("dev.leash.it.LeakyDao.work(LeakyDao.java:");
    assertThat(acquired.get("message").asText()).contains(keyValues(acquired).get("site"));
    assertThat(keyValues(released).keySet()).containsExactly("event", "lease_id", "pool", "db", "thread", "site", "held_ms");
    assertThat(keyValues(released).get("lease_id")).isEqualTo(keyValues(acquired).get("lease_id"));

    assertEveryLineIsOneJsonObject();
  }

  /** {@code leash.started} is once per JVM, so the reporter is driven directly, as the runtime drives it. */
  @Test
  void startedIsOneJsonObjectWithTheConfiguration() throws Exception {
    Map<String, String> config = new LinkedHashMap<>(LeashConfig.builder().leakThreshold(THRESHOLD).build().describe());
    new Slf4jReporter().started(new StartedEvent("datasource", "json-test", config));

    JsonNode e = lines().stream()
        .filter(n -> "json-test".equals(keyValues(n).get("version")))
        .findFirst().orElseThrow(() -> new AssertionError("no leash.started line in " + out));
    assertThat(e.get("level").asText()).isEqualTo("INFO");
    assertThat(e.get("loggerName").asText()).isEqualTo("leash.lifecycle");
    assertThat(e.get("throwable").isNull()).isTrue();
    Map<String, String> kv = keyValues(e);
    assertThat(kv.keySet()).containsExactly("event", "mode", "version", "config");
    assertThat(kv.get("event")).isEqualTo("leash.started");
    assertThat(kv.get("mode")).isEqualTo("datasource");
    assertThat(kv.get("config")).contains("leash.leak.threshold=200ms");
    assertThat(e.get("message").asText()).isEqualTo("Leash json-test started in datasource mode [leash.started]: " + kv.get("config"));

    assertEveryLineIsOneJsonObject();
  }

  // ---------------------------------------------------------------------------------------------

  /** Every line written so far, each parsed as exactly one JSON object (trailing tokens fail the parse). */
  private List<JsonNode> lines() throws Exception {
    String text = out.toString(StandardCharsets.UTF_8);
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      assertThat(n.isObject()).as(line).isTrue();
      nodes.add(n);
    }
    return nodes;
  }

  private void assertEveryLineIsOneJsonObject() throws Exception {
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    // Only empty after the final newline: no blank lines, no object spread over lines.
    assertThat(text.substring(0, text.length() - 1).split("\n", -1)).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    assertThat(lines()).allSatisfy(n -> {
      assertThat(n.get("level").isTextual()).isTrue();
      assertThat(n.get("loggerName").asText()).startsWith("leash.");
      assertThat(n.get("message").isTextual()).isTrue();
      assertThat(keyValues(n)).containsKey("event");
    });
  }

  /** Lines of this test's database with {@code event} = {@code name}. */
  private List<JsonNode> events(String name) throws Exception {
    return lines().stream()
        .filter(n -> name.equals(keyValues(n).get("event")))
        .filter(n -> String.valueOf(keyValues(n).get("db")).contains(db))
        .collect(Collectors.toList());
  }

  private JsonNode await(String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<JsonNode> found = events(name);
    while (found.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      found = events(name);
    }
    assertThat(found).as(name + " in\n" + out).hasSize(1);
    return found.get(0);
  }

  /** {@code kvpList} as an ordered map, checking its shape: an array of one-entry objects, no key twice. */
  private static Map<String, String> keyValues(JsonNode event) {
    JsonNode list = event.get("kvpList");
    assertThat(list.isArray()).as("kvpList").isTrue();
    Map<String, String> kv = new LinkedHashMap<>();
    for (JsonNode pair : list) {
      assertThat(pair.size()).as("one key per kvpList entry: " + pair).isEqualTo(1);
      Map.Entry<String, JsonNode> entry = pair.properties().iterator().next();
      assertThat(kv.put(entry.getKey(), entry.getValue().asText())).as("duplicate key " + entry.getKey()).isNull();
    }
    return kv;
  }
}
