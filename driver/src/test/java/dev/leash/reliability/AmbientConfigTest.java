package dev.leash.reliability;

import static dev.leash.testing.LogCapture.kvs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import dev.leash.event.ConfigProblem;
import dev.leash.event.LeashListener;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.config.AmbientForTests;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.jdbc.LeashDriver;
import dev.leash.testing.LogCapture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stray or misspelt ambient setting never cuts an application off from its database: the data source
 * wrapper and {@code jdbc:leash:} connects work, with one WARN on {@code leash.config} per problem naming
 * key, value, source, what is allowed and the key probably meant. Explicit settings stay errors.
 *
 * <p>Leash warns once per process per problem, so each test uses values no other test uses.
 */
class AmbientConfigTest {

  private static final String KNOWN = "Known keys are leash.leak.threshold, leash.pool.wait.threshold, "
      + "leash.stack.depth, leash.site.exclude, leash.report.interval, leash.context.keys, leash.jmx, leash.metrics, leash.jfr";
  private static final String EVENT = "leash.config.rejected";
  private static final String TITLE = "Setting ignored [leash.config.rejected]: ";

  private final LogCapture log = new LogCapture();
  private HikariDataSource hikari;

  @AfterEach
  void tearDown() {
    AmbientForTests.reset();
    log.close();
    if (hikari != null) {
      hikari.close();
    }
  }

  @Test
  void wrapWorksWithAMisspeltSystemPropertyAndABadEnvironmentVariable() throws Exception {
    AmbientForTests.use(Map.of("leash.leak.treshold", "5s"), Map.of("LEASH_STACK_DEPTH", "lots"));

    DataSource ds = LeashDataSource.wrap(hikari("ambient-wrap"));
    for (int i = 0; i < 3; i++) {
      assertThat(selectOne(ds)).isEqualTo(1);
    }

    ILoggingEvent typo = warning("leash.leak.treshold", "5s");
    assertThat(typo.getLevel()).isEqualTo(Level.WARN);
    assertThat(typo.getLoggerName()).isEqualTo("leash.config");
    assertThat(typo.getFormattedMessage()).isEqualTo(TITLE + "leash.leak.treshold: '5s' (system property) is not a known key; "
        + "did you mean leash.leak.threshold? " + KNOWN + ". Leash ignores it and goes on");
    assertThat(kvs(typo)).containsEntry("event", EVENT).containsEntry("key", "leash.leak.treshold")
        .containsEntry("value", "5s").containsEntry("source", "system property")
        .containsEntry("suggestion", "leash.leak.threshold").doesNotContainKey("default");

    ILoggingEvent env = warning("leash.stack.depth", "lots");
    assertThat(env.getFormattedMessage()).isEqualTo(TITLE + "leash.stack.depth: 'lots' (environment variable LEASH_STACK_DEPTH) "
        + "is not allowed; use a whole number from 0 to 1024. Leash goes on with the default, leash.stack.depth=32");
    assertThat(kvs(env)).containsEntry("source", "environment variable LEASH_STACK_DEPTH").containsEntry("default", "32");
  }

  @Test
  void urlModeConnectsWithAStraySystemPropertyAndWarnsOnceNotPerConnection() throws Exception {
    AmbientForTests.use(Map.of("leash.leak.threshold", "5x", "leash.otherTool.mode", "fast"),
        Map.of("LEASH_POOL_WAIT_THRESHOLD", "48h"));

    List<ConfigProblem> reported = new CopyOnWriteArrayList<>();
    LeashListener recorder = new LeashListener() {
      @Override
      public void configRejected(ConfigProblem problem) {
        reported.add(problem);
      }
    };
    LeashRuntime.registry().listeners().add(recorder);
    try {
      for (int i = 0; i < 5; i++) {
        try (Connection c = DriverManager.getConnection("jdbc:leash:h2:mem:ambient_url");
            Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
          assertThat(rs.next()).isTrue();
        }
      }
    } finally {
      LeashRuntime.registry().listeners().remove(recorder);
    }

    // Listeners hear of a problem on the connecting thread: five connects, three problems, each once.
    assertThat(reported).extracting(ConfigProblem::key)
        .containsExactly("leash.leak.threshold", "leash.otherTool.mode", "leash.pool.wait.threshold");

    assertThat(warning("leash.leak.threshold", "5x").getFormattedMessage()).isEqualTo(TITLE + "leash.leak.threshold: '5x' "
        + "(system property) is not a duration; use 250ms, 30s, 5m or PT30S (a bare number is milliseconds). "
        + "Leash goes on with the default, leash.leak.threshold=30s");
    assertThat(warning("leash.otherTool.mode", "fast").getFormattedMessage())
        .startsWith(TITLE + "leash.otherTool.mode: 'fast' (system property) is not a known key; known keys are ");
    assertThat(warning("leash.pool.wait.threshold", "48h").getFormattedMessage()).isEqualTo(TITLE + "leash.pool.wait.threshold: "
        + "'48h' (environment variable LEASH_POOL_WAIT_THRESHOLD) is not allowed; use a duration from 1ms to 24h, "
        + "such as 250ms, 30s, 5m or PT30S. Leash goes on with the default, leash.pool.wait.threshold=1s");
  }

  @Test
  void aSecretLookingStrayKeyHasItsValueMasked() throws Exception {
    AmbientForTests.use(Map.of("leash.db.password", "hunter2-ambient"), Map.of());

    assertThat(selectOne(LeashDataSource.wrap(hikari("ambient-secret")))).isEqualTo(1);

    ILoggingEvent e = warning("leash.db.password", "****");
    assertThat(e.getFormattedMessage()).startsWith(TITLE + "leash.db.password: '****' (system property) is not a known key");
    assertThat(e.getFormattedMessage() + kvs(e)).doesNotContain("hunter2");
  }

  @Test
  void connectionPropertiesStayStrictEvenBesideAmbientProblems() {
    AmbientForTests.use(Map.of("leash.jfrr", "false"), Map.of());
    Properties p = new Properties();
    p.setProperty("leash.leak.treshold", "5s");

    Throwable thrown = catchThrowable(() -> new LeashDriver().connect("jdbc:leash:h2:mem:ambient_strict", p));

    assertThat(thrown).isInstanceOf(SQLException.class).hasMessage("leash.leak.treshold: '5s' (connection property) "
        + "is not a known key; did you mean leash.leak.threshold? " + KNOWN);
    assertThat(((SQLException) thrown).getSQLState()).isEqualTo("HY024");
  }

  @Test
  void anExplicitLeashConfigRejectsBadValuesWithClearErrors() {
    assertThatThrownBy(() -> LeashConfig.builder().leakThreshold(Duration.ZERO))
        .isInstanceOf(LeashConfigException.class)
        .hasMessage("leash.leak.threshold: 'PT0S' (LeashConfig) is not allowed; use a duration from 1ms to 24h, "
            + "such as 250ms, 30s, 5m or PT30S");
    assertThatThrownBy(() -> LeashConfig.builder().reportInterval(Duration.ofDays(2)))
        .hasMessage("leash.report.interval: 'PT48H' (LeashConfig) is not allowed; use a duration from 0 to 24h, "
            + "such as 250ms, 30s, 5m or PT30S");
    assertThatThrownBy(() -> LeashConfig.builder().stackDepth(-1))
        .hasMessage("leash.stack.depth: '-1' (LeashConfig) is not allowed; use a whole number from 0 to 1024");
    assertThatThrownBy(() -> LeashConfig.builder().siteExcludes(List.of("com.acme.dao", "com..acme")))
        .hasMessage("leash.site.exclude: 'com.acme.dao,com..acme' (LeashConfig) is not allowed: 'com..acme' is not a "
            + "package or class name prefix; use comma-separated package or class name prefixes, such as "
            + "com.acme.dao,com.acme.util.Sql");
    assertThat(LeashConfig.builder().leakThreshold(Duration.ofMillis(1)).reportInterval(Duration.ZERO).stackDepth(0)
        .siteExcludes(List.of("com.acme.dao")).build().describe())
        .containsEntry("leash.leak.threshold", "1ms").containsEntry("leash.site.exclude", "com.acme.dao");
  }

  /** The one warning about {@code key} with {@code value}, waited for (warnings are logged off the application thread). */
  private ILoggingEvent warning(String key, String value) throws InterruptedException {
    List<ILoggingEvent> found = log.await(EVENT, e -> key.equals(LogCapture.kv(e, "key")) && value.equals(LogCapture.kv(e, "value")), 1, 10);
    assertThat(found).as("warnings: %s", log.named(EVENT, e -> true)).hasSize(1);
    return found.get(0);
  }

  private HikariDataSource hikari(String name) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl("jdbc:h2:mem:" + name.replace('-', '_') + ";DB_CLOSE_DELAY=-1");
    c.setMaximumPoolSize(2);
    hikari = new HikariDataSource(c);
    return hikari;
  }

  private static int selectOne(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
