package dev.leash.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Every configuration key Leash knows, each written once: its name, its default as a user would write it,
 * what it allows (the parser that reads it, from every source and the {@link LeashConfig.Builder}, and the
 * words of every rejection) and its one-line meaning. {@link LeashConfig} takes its defaults from here, the
 * loader reads every source through here, and tests check the README's configuration table and the Spring
 * Boot starter's IDE metadata against {@link #values()}.
 *
 * <p>Adding a key is one constant here (plus its test and README row): {@link LeashConfig#get} reads it and
 * {@link LeashConfig.Builder#set} sets it; a named accessor on {@code LeashConfig} is a convenience.
 *
 * @param <T> the type of the parsed value
 */
public final class ConfigKey<T> {

  /** Every Leash key starts with this; other keys belong to the real driver. */
  public static final String PREFIX = "leash.";

  // Declared before the constants, which add themselves in order (static initialisers run top to bottom).
  private static final List<ConfigKey<?>> ALL = new ArrayList<>();

  public static final ConfigKey<Duration> LEAK_THRESHOLD = new ConfigKey<>("leash.leak.threshold", "30s",
      ValueType.duration(Duration.ofMillis(1), "from 1ms to 24h"),
      "age after which an idle lease is a suspected leak", LeashConfig::leakDetectionEnabled);
  public static final ConfigKey<Duration> POOL_WAIT_THRESHOLD = new ConfigKey<>("leash.pool.wait.threshold", "1s",
      ValueType.duration(Duration.ofMillis(1), "from 1ms to 24h"),
      "acquisition wait that counts as slow and triggers the holders report", LeashConfig::poolWaitEnabled);
  public static final ConfigKey<Integer> STACK_DEPTH = new ConfigKey<>("leash.stack.depth", "32",
      ValueType.wholeNumber(1024), "frames kept per acquisition stack; `0` turns stack capture off", null);
  public static final ConfigKey<List<String>> SITE_EXCLUDE = new ConfigKey<>("leash.site.exclude", "",
      ValueType.prefixes(), "extra package or class-name prefixes never chosen as the site", null);
  public static final ConfigKey<Duration> REPORT_INTERVAL = new ConfigKey<>("leash.report.interval", "10s",
      ValueType.duration(Duration.ZERO, "from 0 to 24h"),
      "minimum time between two `pool.exhausted` reports for one pool", LeashConfig::poolReportsEnabled);
  // What the OpenTelemetry Java agent and Micrometer Tracing put in the MDC, and a common request id.
  public static final ConfigKey<List<String>> CONTEXT_KEYS = new ConfigKey<>("leash.context.keys",
      "trace_id,span_id,traceId,spanId,request_id", ValueType.mdcKeys(8),
      "MDC keys copied at acquisition into every report about that lease; empty turns it off", null);
  public static final ConfigKey<Boolean> JMX = new ConfigKey<>("leash.jmx", "true", ValueType.flag(),
      "whether to register the JMX MBean", null);
  public static final ConfigKey<Boolean> METRICS = new ConfigKey<>("leash.metrics", "true", ValueType.flag(),
      "whether to publish the Micrometer meters", null);
  public static final ConfigKey<Boolean> JFR = new ConfigKey<>("leash.jfr", "true", ValueType.flag(),
      "whether to emit the JFR events", null);

  private static final List<ConfigKey<?>> VALUES = Collections.unmodifiableList(ALL);

  private final int index;
  private final String key;
  private final String defaultText;
  private final ValueType<T> type;
  private final String meaning;
  private final Predicate<LeashConfig> switchedOn;
  private final T defaultValue;

  /**
   * @param switchedOn for a key a builder flag can switch off altogether ({@code leakDetectionEnabled}),
   *     that flag, so that {@link LeashConfig#describe()} shows {@code off}; else null
   */
  private ConfigKey(String key, String defaultText, ValueType<T> type, String meaning, Predicate<LeashConfig> switchedOn) {
    this.key = key;
    this.defaultText = defaultText;
    this.type = type;
    this.meaning = meaning;
    this.switchedOn = switchedOn;
    // A default the parser rejects fails the class's initialisation: every test run sees it.
    this.defaultValue = type.parse(key, defaultText, "default");
    this.index = ALL.size();
    ALL.add(this);
  }

  /** Every key, in the order of the README table and of the {@code leash.started} line. Unmodifiable. */
  public static List<ConfigKey<?>> values() {
    return VALUES;
  }

  /** The key spelled exactly {@code key}, prefix included; null if Leash has none. */
  public static ConfigKey<?> named(String key) {
    for (ConfigKey<?> k : VALUES) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }

  /** The full key, for example {@code leash.leak.threshold}. */
  public String key() {
    return key;
  }

  /** The default as the user would write it. Empty for a list with no entries. */
  public String defaultValue() {
    return defaultText;
  }

  /** One line for documentation (Markdown: code in backticks); the README's row for the key starts with it. */
  public String meaning() {
    return meaning;
  }

  /** The environment variable for this key: {@code leash.leak.threshold} becomes {@code LEASH_LEAK_THRESHOLD}. */
  public String environmentVariable() {
    return key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The Java type of the values ({@code java.time.Duration}), as Spring Boot's configuration metadata writes it. */
  public String typeName() {
    return type.typeName();
  }

  /** Whether the value is a comma-separated list, such as {@code com.acme.dao,com.acme.util}. */
  public boolean list() {
    return type.list();
  }

  /**
   * The value Leash reads from {@code text}, exactly as from any source of configuration.
   *
   * @param origin where {@code text} came from, for the message ({@code system property}); null if unknown
   * @throws LeashConfigException naming the key, the text as written, the origin and what is allowed
   */
  public T parse(String text, String origin) {
    return type.parse(key, Objects.requireNonNull(text, key), origin);
  }

  /** {@code value} if allowed, as the builder checks it; else a {@link LeashConfigException}. */
  T check(T value, String origin) {
    return type.check(key, Objects.requireNonNull(value, key), origin);
  }

  /** The parsed default. */
  T parsedDefault() {
    return defaultValue;
  }

  /** Position in {@link #values()}: where {@link LeashConfig} keeps this key's value. */
  int index() {
    return index;
  }

  @SuppressWarnings("unchecked")
  T cast(Object value) {
    return (T) value;
  }

  /** The effective value of this key in {@code c} as {@link LeashConfig#describe()} shows it. */
  String describe(LeashConfig c) {
    return switchedOn != null && !switchedOn.test(c) ? "off" : type.format(c.get(this));
  }

  @Override
  public String toString() {
    return key;
  }
}
