package dev.leash.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import dev.leash.internal.config.ConfigLoader.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

  private static final String KNOWN = "leash.leak.threshold, leash.pool.wait.threshold, leash.stack.depth, "
      + "leash.site.exclude, leash.report.interval, leash.context.keys, leash.jmx, leash.metrics, leash.jfr";

  @AfterEach
  void reset() {
    ConfigLoader.resetForTests();
  }

  // --- helpers: every test names its sources explicitly, never the real process ---

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    p.putAll(map(kv));
    return p;
  }

  private static LeashConfig strict(Source... sources) {
    return Resolver.resolve(List.of(sources), true).config();
  }

  private static Result lenient(Source... sources) {
    return Resolver.resolve(List.of(sources), false);
  }

  private static Source sys(String... kv) {
    return Source.systemProperties(props(kv));
  }

  private static LeashConfigException rejected(String key, String value) {
    return catchThrowableOfType(LeashConfigException.class, () -> strict(sys(key, value)));
  }

  // --- defaults ---

  @Test
  void defaultsAreThoseOfTheProductTable() {
    LeashConfig d = strict();
    assertThat(d).isEqualTo(LeashConfig.defaults());
    assertThat(d.leakThreshold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.poolWaitThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.stackDepth()).isEqualTo(32);
    assertThat(d.siteExcludes()).isEmpty();
    assertThat(d.reportInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.contextKeys()).containsExactly("trace_id", "span_id", "traceId", "spanId", "request_id");
    assertThat(d.jmxEnabled()).isTrue();
    assertThat(d.metricsEnabled()).isTrue();
    assertThat(d.jfrEnabled()).isTrue();
    assertThat(d.leakDetectionEnabled()).isTrue();
    assertThat(d.poolWaitEnabled()).isTrue();
    assertThat(d.poolReportsEnabled()).isTrue();
  }

  @Test
  void everyConfigKeyDefaultParsesToTheBuiltInDefault() {
    Map<String, String> all = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      all.put(k.key(), k.defaultValue());
    }
    assertThat(strict(Source.of("test", all))).isEqualTo(LeashConfig.defaults());
    assertThat(LeashConfig.defaults().describe()).isEqualTo(all);
  }

  // --- each source alone ---

  @Test
  void connectionPropertiesAloneIgnoringOtherKeys() {
    Properties p = props("leash.leak.threshold", "5s", "user", "sa", "password", "x", "Leash.jmx", "nope");
    LeashConfig c = strict(Source.connectionProperties(p));
    assertThat(c.leakThreshold()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.jmxEnabled()).isTrue();
  }

  @Test
  void connectionPropertiesIncludeDefaultsAndNonStringValues() {
    Properties defaults = props("leash.stack.depth", "8");
    Properties p = new Properties(defaults);
    p.put("leash.jmx", Boolean.FALSE);
    LeashConfig c = strict(Source.connectionProperties(p));
    assertThat(c.stackDepth()).isEqualTo(8);
    assertThat(c.jmxEnabled()).isFalse();
  }

  @Test
  void agentArgumentsAlone() {
    Source s = Source.of(Source.AGENT_ARGUMENT, AgentArguments.parse("pool.wait.threshold=250ms,jfr=false"));
    LeashConfig c = strict(s);
    assertThat(c.poolWaitThreshold()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.jfrEnabled()).isFalse();
  }

  @Test
  void systemPropertiesAloneIgnoringOtherKeys() {
    LeashConfig c = strict(sys("leash.report.interval", "1m", "java.version", "17"));
    assertThat(c.reportInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void environmentAloneReadsOnlyTheNamedVariables() {
    Map<String, String> env = map(
        "LEASH_LEAK_THRESHOLD", "2m",
        "LEASH_SITE_EXCLUDE", "com.acme.dao,com.acme.util",
        "LEASH_REQUIRE_DATABASES", "true",
        "LEASH_WHATEVER", "5x",
        "leash.jmx", "false",
        "PATH", "/usr/bin");
    Source s = Source.environment(env);
    assertThat(s.values()).containsOnlyKeys("leash.leak.threshold", "leash.site.exclude");
    LeashConfig c = strict(s);
    assertThat(c.leakThreshold()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.siteExcludes()).containsExactly("com.acme.dao", "com.acme.util");
    assertThat(c.jmxEnabled()).isTrue();
  }

  @Test
  void environmentVariableNames() {
    assertThat(ConfigKey.LEAK_THRESHOLD.environmentVariable()).isEqualTo("LEASH_LEAK_THRESHOLD");
    assertThat(ConfigKey.POOL_WAIT_THRESHOLD.environmentVariable()).isEqualTo("LEASH_POOL_WAIT_THRESHOLD");
    assertThat(ConfigKey.STACK_DEPTH.environmentVariable()).isEqualTo("LEASH_STACK_DEPTH");
    assertThat(ConfigKey.SITE_EXCLUDE.environmentVariable()).isEqualTo("LEASH_SITE_EXCLUDE");
    assertThat(ConfigKey.REPORT_INTERVAL.environmentVariable()).isEqualTo("LEASH_REPORT_INTERVAL");
    assertThat(ConfigKey.JMX.environmentVariable()).isEqualTo("LEASH_JMX");
    assertThat(ConfigKey.METRICS.environmentVariable()).isEqualTo("LEASH_METRICS");
    assertThat(ConfigKey.JFR.environmentVariable()).isEqualTo("LEASH_JFR");
  }

  @Test
  void environmentErrorsNameTheVariable() {
    assertThatThrownBy(() -> strict(Source.environment(map("LEASH_STACK_DEPTH", "deep"))))
        .isInstanceOf(LeashConfigException.class)
        .hasMessage("leash.stack.depth: 'deep' (environment variable LEASH_STACK_DEPTH) is not allowed; "
            + "use a whole number from 0 to 1024");
  }

  @Test
  void propertiesFileSourceAlone() {
    LeashConfig c = strict(Source.of(Source.PROPERTIES_RESOURCE, map("leash.metrics", "FALSE")));
    assertThat(c.metricsEnabled()).isFalse();
  }

  // --- precedence ---

  @Test
  void theHighestSourceWins() {
    Source conn = Source.connectionProperties(props("leash.leak.threshold", "1s"));
    Source agent = Source.of(Source.AGENT_ARGUMENT, map("leash.leak.threshold", "2s", "leash.stack.depth", "2"));
    Source sys = sys("leash.leak.threshold", "3s", "leash.stack.depth", "3", "leash.jmx", "false");
    Source env = Source.environment(map("LEASH_LEAK_THRESHOLD", "4s", "LEASH_STACK_DEPTH", "4",
        "LEASH_JMX", "true", "LEASH_JFR", "false"));
    Source file = Source.of(Source.PROPERTIES_RESOURCE, map("leash.leak.threshold", "5s", "leash.stack.depth", "5",
        "leash.jmx", "true", "leash.jfr", "true", "leash.metrics", "false"));

    LeashConfig c = strict(conn, agent, sys, env, file);

    assertThat(c.leakThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.stackDepth()).isEqualTo(2);
    assertThat(c.jmxEnabled()).isFalse();
    assertThat(c.jfrEnabled()).isFalse();
    assertThat(c.metricsEnabled()).isFalse();
    assertThat(c.poolWaitThreshold()).isEqualTo(Duration.ofSeconds(1)); // default
  }

  @Test
  void loadUsesInstalledAgentArgumentsAndInjectedAmbientInPrecedenceOrder() {
    ConfigLoader.setAmbientForTests(
        map("leash.leak.threshold", "3s", "leash.pool.wait.threshold", "3s", "leash.stack.depth", "3"),
        map("LEASH_LEAK_THRESHOLD", "4s", "LEASH_POOL_WAIT_THRESHOLD", "4s", "LEASH_STACK_DEPTH", "4",
            "LEASH_REPORT_INTERVAL", "4s"));
    AgentArguments.install(map("leak.threshold", "2s", "leash.pool.wait.threshold", "2s"));

    LeashConfig c = ConfigLoader.load(props("leash.leak.threshold", "1s", "user", "sa"));

    assertThat(c.leakThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.poolWaitThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.stackDepth()).isEqualTo(3);
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(4));
    assertThat(ConfigLoader.load().leakThreshold()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void ambientSourcesAreReadOnceUntilRefreshed() {
    Properties sys = props("leash.stack.depth", "7");
    AtomicInteger reads = new AtomicInteger();
    AmbientSources.systemPropertiesReader = () -> {
      reads.incrementAndGet();
      return sys;
    };
    AmbientSources.environmentReader = Map::of;
    AmbientSources.refresh();

    assertThat(ConfigLoader.load().stackDepth()).isEqualTo(7);
    sys.setProperty("leash.stack.depth", "8");
    assertThat(ConfigLoader.load(props("user", "sa")).stackDepth()).as("cached snapshot").isEqualTo(7);
    assertThat(reads).hasValue(1);

    AmbientSources.refresh();
    assertThat(ConfigLoader.load().stackDepth()).as("read again after refresh").isEqualTo(8);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aBadValueIsAnErrorEvenWhenOverridden() {
    assertThatThrownBy(() -> strict(sys("leash.jmx", "false"), Source.environment(map("LEASH_JMX", "yes"))))
        .hasMessage("leash.jmx: 'yes' (environment variable LEASH_JMX) is not allowed; use true or false");
  }

  @Test
  void theFirstProblemIsReportedHighestSourceFirstThenSortedKeys() {
    Source conn = Source.connectionProperties(props("leash.stack.depth", "x", "leash.jmx", "y"));
    Source sys = sys("leash.aaa", "1");
    assertThatThrownBy(() -> strict(sys, conn)).hasMessageStartingWith("leash.aaa: '1' (system property) is not a known key");
    assertThatThrownBy(() -> strict(conn, sys)).hasMessageStartingWith("leash.jmx: 'y' (connection property)");
  }

  // --- durations ---

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "250ms | PT0.25S",
      "30s | PT30S",
      "5m | PT5M",
      "1h | PT1H",
      "PT30S | PT30S",
      "pt0.5s | PT0.5S",
      "1500 | PT1.5S",
      "'  30s  ' | PT30S",
      "'30 s' | PT30S",
      "1MS | PT0.001S",
      "24h | PT24H",
      "P1D | PT24H",
      "86400000 | PT24H",
  })
  void durations(String text, String expected) {
    LeashConfig c = strict(sys("leash.leak.threshold", text, "leash.pool.wait.threshold", text,
        "leash.report.interval", text));
    assertThat(c.leakThreshold()).isEqualTo(Duration.parse(expected));
    assertThat(c.poolWaitThreshold()).isEqualTo(Duration.parse(expected));
    assertThat(c.reportInterval()).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5x", "", "  ", "ms", "-5s", "1.5s", "30 seconds", "P", "PTS", "1d", "99999999999999999999"})
  void notADuration(String text) {
    assertThat(rejected("leash.leak.threshold", text)).hasMessage("leash.leak.threshold: '" + text
        + "' (system property) is not a duration; use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0s", "PT0S", "PT-1S", "PT0.0005S", "25h", "86400001", "P2D"})
  void thresholdOutOfRange(String text) {
    for (String key : new String[] {"leash.leak.threshold", "leash.pool.wait.threshold"}) {
      LeashConfigException e = rejected(key, text);
      assertThat(e).hasMessage(key + ": '" + text
          + "' (system property) is not allowed; use a duration from 1ms to 24h, such as 250ms, 30s, 5m or PT30S");
      assertThat(e.key()).isEqualTo(key);
      assertThat(e.value()).isEqualTo(text);
      assertThat(e.origin()).isEqualTo("system property");
    }
  }

  @Test
  void reportIntervalMayBeZeroButNotNegativeOrOverADay() {
    assertThat(strict(sys("leash.report.interval", "0")).reportInterval()).isEqualTo(Duration.ZERO);
    assertThat(rejected("leash.report.interval", "PT-1S")).hasMessage("leash.report.interval: 'PT-1S' (system property) "
        + "is not allowed; use a duration from 0 to 24h, such as 250ms, 30s, 5m or PT30S");
    assertThat(rejected("leash.report.interval", "25h")).hasMessageContaining("'25h' (system property) is not allowed");
  }

  // --- other kinds of value ---

  @ParameterizedTest
  @CsvSource({"0,0", "1,1", "' 64 ',64", "1024,1024", "0032,32"})
  void stackDepth(String text, int expected) {
    assertThat(strict(sys("leash.stack.depth", text)).stackDepth()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1025", "99999", "3.5", "ten", "", "+5", "0x10"})
  void badStackDepth(String text) {
    assertThat(rejected("leash.stack.depth", text)).hasMessage("leash.stack.depth: '" + text
        + "' (system property) is not allowed; use a whole number from 0 to 1024");
  }

  @ParameterizedTest
  @CsvSource({"true,true", "TRUE,true", "' True ',true", "false,false", "False,false"})
  void booleans(String text, boolean expected) {
    LeashConfig c = strict(sys("leash.jmx", text, "leash.metrics", text, "leash.jfr", text));
    assertThat(c.jmxEnabled()).isEqualTo(expected);
    assertThat(c.metricsEnabled()).isEqualTo(expected);
    assertThat(c.jfrEnabled()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "1", "0", "on", "", "truee"})
  void badBooleans(String text) {
    for (String key : new String[] {"leash.jmx", "leash.metrics", "leash.jfr"}) {
      assertThat(rejected(key, text)).hasMessage(key + ": '" + text + "' (system property) is not allowed; use true or false");
    }
  }

  @Test
  void contextKeys() {
    assertThat(strict(sys("leash.context.keys", " trace_id , x-request-id,mdc.user_id,trace_id")).contextKeys())
        .containsExactly("trace_id", "x-request-id", "mdc.user_id");
    assertThat(strict(sys("leash.context.keys", "")).contextKeys()).as("empty turns it off").isEmpty();
    assertThat(AgentArguments.parse("context.keys=traceId,spanId,jmx=false"))
        .containsEntry("leash.context.keys", "traceId,spanId").containsEntry("leash.jmx", "false");
    assertThat(rejected("leash.context.keys", "trace_id,,span_id")).hasMessage(
        "leash.context.keys: 'trace_id,,span_id' (system property) is not allowed: entry 2 is empty; use up to 8 "
            + "comma-separated MDC keys (letters, digits, '_', '.', '-'), such as trace_id,span_id, or nothing to turn it off");
    assertThat(rejected("leash.context.keys", "trace id").getMessage()).contains("'trace id' is not an MDC key");
    assertThat(rejected("leash.context.keys", "a,b,c,d,e,f,g,h,i").getMessage()).contains("9 keys; use up to 8");
  }

  @Test
  void siteExcludes() {
    assertThat(strict(sys("leash.site.exclude", " com.acme.dao , com.acme.util.Sql$Helper,org.x., _a.$b ,com.acme.dao"))
        .siteExcludes()).containsExactly("com.acme.dao", "com.acme.util.Sql$Helper", "org.x.", "_a.$b");
    assertThat(strict(sys("leash.site.exclude", "")).siteExcludes()).isEmpty();
    assertThat(strict(sys("leash.site.exclude", "   ")).siteExcludes()).isEmpty();
    assertThat(strict(sys("leash.site.exclude", "com")).siteExcludes()).containsExactly("com");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "com/foo | 'com/foo' is not a package or class name prefix",
      "com.acme,com..foo | 'com..foo' is not a package or class name prefix",
      ".com | '.com' is not a package or class name prefix",
      "com.1x | 'com.1x' is not a package or class name prefix",
      "com.acme.* | 'com.acme.*' is not a package or class name prefix",
      "'com.a b' | 'com.a b' is not a package or class name prefix",
      "'com.acme,,org.x' | entry 2 is empty",
      "'com.acme,' | entry 2 is empty",
      "', com.acme' | entry 1 is empty",
  })
  void badSiteExcludes(String text, String problem) {
    assertThat(rejected("leash.site.exclude", text)).hasMessage("leash.site.exclude: '" + text
        + "' (system property) is not allowed: " + problem
        + "; use comma-separated package or class name prefixes, such as com.acme.dao,com.acme.util.Sql");
  }

  // --- unknown keys ---

  @Test
  void unknownKeyWithSuggestion() {
    LeashConfigException e = rejected("leash.leak.treshold", "5s");
    assertThat(e).hasMessage("leash.leak.treshold: '5s' (system property) is not a known key; did you mean "
        + "leash.leak.threshold? Known keys are " + KNOWN);
    assertThat(e.key()).isEqualTo("leash.leak.treshold");
    assertThat(e.value()).isEqualTo("5s");
    assertThat(e.origin()).isEqualTo("system property");
    assertThat(e.suggestion()).isEqualTo("leash.leak.threshold");
    assertThat(e.knownKey()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "leash.JMX, leash.jmx",
      "leash.jfrr, leash.jfr",
      "leash.stack.dept, leash.stack.depth",
      "leash.pool.wait.treshold, leash.pool.wait.threshold",
      "leash.site.excludes, leash.site.exclude",
      "leash.report.intervall, leash.report.interval",
  })
  void suggestions(String typo, String meant) {
    assertThat(rejected(typo, "x")).hasMessageContaining("did you mean " + meant + "?");
  }

  @Test
  void unknownKeyFarFromAnyHasNoSuggestion() {
    assertThat(rejected("leash.jmx.enabled", "true"))
        .hasMessage("leash.jmx.enabled: 'true' (system property) is not a known key; known keys are " + KNOWN);
  }

  @Test
  void unknownKeysAreProblemsInConnectionPropertiesAgentArgumentsAndTheFile() {
    assertThatThrownBy(() -> strict(Source.connectionProperties(props("leash.nope", "1"))))
        .hasMessageStartingWith("leash.nope: '1' (connection property) is not a known key; known keys are");
    assertThatThrownBy(() -> strict(Source.of(Source.AGENT_ARGUMENT, AgentArguments.parse("nope=1"))))
        .hasMessageStartingWith("leash.nope: '1' (agent argument) is not a known key; known keys are");
    assertThatThrownBy(() -> strict(Source.of(Source.PROPERTIES_RESOURCE, map("leak.threshold", "1s"))))
        .hasMessage("leak.threshold: '1s' (leash.properties) is not a known key; did you mean leash.leak.threshold? "
            + "Known keys are " + KNOWN);
  }

  // --- lenient mode ---

  @Test
  void lenientModeKeepsTheDefaultOfEveryRejectedKeyAndReportsEveryProblem() {
    Result r = lenient(sys(
        "leash.leak.threshold", "5x",
        "leash.pool.wait.threshold", "0",
        "leash.report.interval", "-1",
        "leash.stack.depth", "-1",
        "leash.site.exclude", "com/foo",
        "leash.jmx", "yes",
        "leash.metrics", "no",
        "leash.jfr", "1",
        "leash.leak.treshold", "5s"));

    assertThat(r.config()).isEqualTo(LeashConfig.defaults());
    assertThat(r.config().describe()).containsEntry("leash.leak.threshold", "30s");

    List<String> keys = new ArrayList<>();
    r.problems().forEach(p -> keys.add(p.key()));
    assertThat(keys).containsExactly("leash.jfr", "leash.jmx", "leash.leak.threshold", "leash.leak.treshold",
        "leash.metrics", "leash.pool.wait.threshold", "leash.report.interval", "leash.site.exclude", "leash.stack.depth");
    assertThat(r.problems().get(2)).hasMessage("leash.leak.threshold: '5x' (system property) is not a duration; "
        + "use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)");
  }

  @Test
  void lenientModeKeepsAGoodHigherValueOverABadLowerOne() {
    Result r = lenient(sys("leash.leak.threshold", "5s"), Source.environment(map("LEASH_LEAK_THRESHOLD", "5x")));
    assertThat(r.config().leakDetectionEnabled()).isTrue();
    assertThat(r.config().leakThreshold()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.problems()).singleElement().extracting(LeashConfigException::origin)
        .isEqualTo("environment variable LEASH_LEAK_THRESHOLD");
  }

  @Test
  void lenientModeRunsWithTheDefaultNotALowerValueWhenTheEffectiveOneIsBad() {
    // What the warning says Leash runs with (the default) is what it runs with.
    Result r = lenient(sys("leash.stack.depth", "lots"), Source.environment(map("LEASH_STACK_DEPTH", "8")));
    assertThat(r.config().stackDepth()).isEqualTo(32);
    assertThat(r.problems()).hasSize(1);
  }

  @Test
  void cleanLenientLoadHasNoProblems() {
    Result r = lenient(sys("leash.jmx", "false"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().jmxEnabled()).isFalse();
  }

  @Test
  void loadForAgentParsesInstallsAndNeverThrows() {
    ConfigLoader.setAmbientForTests(map("leash.jfr", "maybe"), map());
    Result r = ConfigLoader.loadForAgent("leak.threshold=2s,oops,stack.depth=-3,jmx=false");

    assertThat(r.config().leakThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(r.config().stackDepth()).isEqualTo(32);
    assertThat(r.config().jmxEnabled()).isFalse();
    assertThat(r.config().jfrEnabled()).isTrue();
    assertThat(r.problems()).extracting(Throwable::getMessage).containsExactly(
        "agent argument 'oops' is not a key=value pair; use key=value[,key=value...], "
            + "for example leak.threshold=30s,site.exclude=com.acme.dao,com.acme.util",
        "leash.stack.depth: '-3' (agent argument) is not allowed; use a whole number from 0 to 1024",
        "leash.jfr: 'maybe' (system property) is not allowed; use true or false");
    assertThat(AgentArguments.installed()).containsOnlyKeys(
        "leash.leak.threshold", "leash.stack.depth", "leash.jmx");
  }

  @Test
  void strictLoadSurfacesTheSameProblems() {
    ConfigLoader.setAmbientForTests(map(), map());
    assertThatThrownBy(() -> ConfigLoader.load(props("leash.leak.threshold", "5x")))
        .isInstanceOf(LeashConfigException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leash.leak.threshold: '5x' (connection property) is not a duration; "
            + "use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)");
  }

  @Test
  void editDistance() {
    assertThat(Resolver.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(Resolver.editDistance("", "abc")).isEqualTo(3);
    assertThat(Resolver.editDistance("abc", "abc")).isZero();
  }
}
