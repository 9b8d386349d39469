package dev.leash.config;

import java.util.Locale;

/**
 * Every configuration key Leash knows. The README's configuration table is checked against this list
 * by a test, so a key cannot be added or renamed without the documentation following.
 */
public enum ConfigKey {
  LEAK_THRESHOLD("leash.leak.threshold", "30s", "age after which an idle lease is a suspected leak"),
  POOL_WAIT_THRESHOLD("leash.pool.wait.threshold", "1s",
      "acquisition wait that counts as slow / triggers the holders report"),
  STACK_DEPTH("leash.stack.depth", "32", "frames kept per acquisition stack; `0` turns stack capture off"),
  SITE_EXCLUDE("leash.site.exclude", "", "extra package prefixes never chosen as the site"),
  REPORT_INTERVAL("leash.report.interval", "10s",
      "minimum time between two `pool.exhausted` reports for one pool"),
  CONTEXT_KEYS("leash.context.keys", "trace_id,span_id,traceId,spanId,request_id",
      "MDC keys copied at acquisition into every report about that lease; empty turns it off"),
  JMX("leash.jmx", "true", "turn the JMX MBean off"),
  METRICS("leash.metrics", "true", "turn the Micrometer meters off"),
  JFR("leash.jfr", "true", "turn the JFR events off");

  /** Every Leash key starts with this; other keys belong to the real driver. */
  public static final String PREFIX = "leash.";

  private final String key;
  private final String defaultValue;
  private final String meaning;

  ConfigKey(String key, String defaultValue, String meaning) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  /** The full key, for example {@code leash.leak.threshold}. */
  public String key() {
    return key;
  }

  /** The default as the user would write it. Empty for a list with no extra entries. */
  public String defaultValue() {
    return defaultValue;
  }

  /** One line for documentation. */
  public String meaning() {
    return meaning;
  }

  /** The environment variable for this key: {@code leash.leak.threshold} becomes {@code LEASH_LEAK_THRESHOLD}. */
  public String environmentVariable() {
    return key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The key for {@code name}, which may omit the {@code leash.} prefix (agent arguments allow that); null if unknown. */
  public static ConfigKey find(String name) {
    String full = name.startsWith(PREFIX) ? name : PREFIX + name;
    for (ConfigKey k : values()) {
      if (k.key.equals(full)) {
        return k;
      }
    }
    return null;
  }
}
