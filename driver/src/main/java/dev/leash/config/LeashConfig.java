package dev.leash.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leash's effective configuration: immutable, validated, one instance shared by everything that a
 * driver, data source or agent tracks. Built by Leash's loader from the sources PRODUCT.md names;
 * {@link #defaults()} for tests and for code that wants no ambient configuration. Every key's default,
 * and what it allows, comes from its {@link ConfigKey}.
 *
 * <p>A configuration built here is explicit: the builder rejects a value Leash would reject in a
 * connection property, with a {@link LeashConfigException} that names the key, the value and what is
 * allowed (origin {@value #ORIGIN}). Each threshold also has an "enabled" flag, for code that wants a
 * report switched off altogether.
 */
public final class LeashConfig {

  /** The origin named in the messages of values rejected by the builder. */
  static final String ORIGIN = "LeashConfig";

  private static final LeashConfig DEFAULTS = builder().build();

  private final Object[] values; // by ConfigKey.index(), each checked by its key
  private final boolean leakDetectionEnabled;
  private final boolean poolWaitEnabled;
  private final boolean poolReportsEnabled;
  private final Map<String, String> description;

  private LeashConfig(Builder b) {
    this.values = b.values.clone();
    this.leakDetectionEnabled = b.leakDetectionEnabled;
    this.poolWaitEnabled = b.poolWaitEnabled;
    this.poolReportsEnabled = b.poolReportsEnabled;
    this.description = buildDescription();
  }

  /** Every key at its default value. */
  public static LeashConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The value of {@code key}: its default unless set. Never null. */
  public <T> T get(ConfigKey<T> key) {
    return key.cast(values[key.index()]);
  }

  /** {@code leash.leak.threshold}: age after which an idle lease is a suspected leak. */
  public Duration leakThreshold() {
    return get(ConfigKey.LEAK_THRESHOLD);
  }

  /** False only when built with {@code leakDetectionEnabled(false)}: no lease is ever suspected. */
  public boolean leakDetectionEnabled() {
    return leakDetectionEnabled;
  }

  /** {@code leash.pool.wait.threshold}: an acquisition waiting longer is slow. */
  public Duration poolWaitThreshold() {
    return get(ConfigKey.POOL_WAIT_THRESHOLD);
  }

  public boolean poolWaitEnabled() {
    return poolWaitEnabled;
  }

  /**
   * The SLF4J MDC keys whose values are copied at each acquisition and carried by every report about
   * that lease ({@code leash.context.keys}); empty when off.
   */
  public List<String> contextKeys() {
    return get(ConfigKey.CONTEXT_KEYS);
  }

  /** {@code leash.stack.depth}: frames kept per acquisition stack; 0 means no stack capture. */
  public int stackDepth() {
    return get(ConfigKey.STACK_DEPTH);
  }

  /** {@code leash.site.exclude}: extra package or class-name prefixes never chosen as the site. */
  public List<String> siteExcludes() {
    return get(ConfigKey.SITE_EXCLUDE);
  }

  /** {@code leash.report.interval}: minimum time between two {@code pool.exhausted} reports for one pool. */
  public Duration reportInterval() {
    return get(ConfigKey.REPORT_INTERVAL);
  }

  public boolean poolReportsEnabled() {
    return poolReportsEnabled;
  }

  public boolean jmxEnabled() {
    return get(ConfigKey.JMX);
  }

  public boolean metricsEnabled() {
    return get(ConfigKey.METRICS);
  }

  public boolean jfrEnabled() {
    return get(ConfigKey.JFR);
  }

  /**
   * The effective configuration as key → text, in {@link ConfigKey} order, for the {@code leash.started}
   * event. A threshold switched off with its builder flag shows as {@code off}.
   */
  public Map<String, String> describe() {
    return description;
  }

  private Map<String, String> buildDescription() {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigKey<?> k : ConfigKey.values()) {
      out.put(k.key(), k.describe(this));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LeashConfig)) {
      return false;
    }
    LeashConfig c = (LeashConfig) o;
    return description.equals(c.description);
  }

  @Override
  public int hashCode() {
    return description.hashCode();
  }

  @Override
  public String toString() {
    return "LeashConfig" + describe();
  }

  /**
   * Mutable builder; {@link #build()} returns an immutable config. Each setter checks its value with the
   * key's own parser, as the loader does, and throws a {@link LeashConfigException} for one Leash would
   * reject (origin {@value LeashConfig#ORIGIN}).
   */
  public static final class Builder {
    private final Object[] values;
    private boolean leakDetectionEnabled = true;
    private boolean poolWaitEnabled = true;
    private boolean poolReportsEnabled = true;

    private Builder() {
      List<ConfigKey<?>> keys = ConfigKey.values();
      values = new Object[keys.size()];
      for (ConfigKey<?> k : keys) {
        values[k.index()] = k.parsedDefault();
      }
    }

    private Builder(LeashConfig c) {
      values = c.values.clone();
      leakDetectionEnabled = c.leakDetectionEnabled;
      poolWaitEnabled = c.poolWaitEnabled;
      poolReportsEnabled = c.poolReportsEnabled;
    }

    /**
     * Sets {@code key} to {@code value}: what every named setter below does.
     *
     * @throws LeashConfigException for a value the key does not allow, as its parser words it
     * @throws NullPointerException for a null value
     */
    public <T> Builder set(ConfigKey<T> key, T value) {
      values[key.index()] = key.check(value, ORIGIN);
      return this;
    }

    /** @throws LeashConfigException outside 1ms..24h */
    public Builder leakThreshold(Duration d) { return set(ConfigKey.LEAK_THRESHOLD, d); }
    public Builder leakDetectionEnabled(boolean b) { leakDetectionEnabled = b; return this; }
    /** @throws LeashConfigException outside 1ms..24h */
    public Builder poolWaitThreshold(Duration d) { return set(ConfigKey.POOL_WAIT_THRESHOLD, d); }
    public Builder poolWaitEnabled(boolean b) { poolWaitEnabled = b; return this; }

    /** @throws LeashConfigException outside 0..1024 */
    public Builder stackDepth(int depth) { return set(ConfigKey.STACK_DEPTH, depth); }

    /** @throws LeashConfigException for an entry that is not a package or class name prefix */
    public Builder siteExcludes(List<String> prefixes) { return set(ConfigKey.SITE_EXCLUDE, prefixes); }

    /** @throws LeashConfigException outside 0..24h */
    public Builder reportInterval(Duration d) { return set(ConfigKey.REPORT_INTERVAL, d); }
    public Builder poolReportsEnabled(boolean b) { poolReportsEnabled = b; return this; }

    /** @throws LeashConfigException for more than 8 keys or one that is not an MDC key; empty turns context off */
    public Builder contextKeys(List<String> keys) { return set(ConfigKey.CONTEXT_KEYS, keys); }

    public Builder jmxEnabled(boolean b) { return set(ConfigKey.JMX, b); }
    public Builder metricsEnabled(boolean b) { return set(ConfigKey.METRICS, b); }
    public Builder jfrEnabled(boolean b) { return set(ConfigKey.JFR, b); }

    public LeashConfig build() {
      return new LeashConfig(this);
    }
  }
}
