package dev.leash.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Leash's effective configuration: immutable, validated, one instance shared by everything that a
 * driver, data source or agent tracks. Built by {@link ConfigLoader} from the sources PRODUCT.md
 * names; {@link #defaults()} for tests and for code that wants no ambient configuration.
 *
 * <p>A configuration built here is explicit: the builder rejects a value Leash would reject in a
 * connection property, with a {@link LeashConfigException} that names the key, the value and what is
 * allowed (origin {@value #ORIGIN}). Each threshold also has an "enabled" flag, for code that wants a
 * report switched off altogether.
 */
public final class LeashConfig {

  /** What the OpenTelemetry Java agent and Micrometer Tracing put in the MDC, and a common request id. */
  private static final List<String> DEFAULT_CONTEXT_KEYS = List.of("trace_id", "span_id", "traceId", "spanId", "request_id");

  /** The origin named in the messages of values rejected by the builder. */
  static final String ORIGIN = "LeashConfig";

  private static final LeashConfig DEFAULTS = builder().build();

  private final Duration leakThreshold;
  private final boolean leakDetectionEnabled;
  private final Duration poolWaitThreshold;
  private final boolean poolWaitEnabled;
  private final int stackDepth;
  private final List<String> siteExcludes;
  private final Duration reportInterval;
  private final boolean poolReportsEnabled;
  private final List<String> contextKeys;
  private final boolean jmxEnabled;
  private final boolean metricsEnabled;
  private final boolean jfrEnabled;
  private final Map<String, String> description;

  private LeashConfig(Builder b) {
    this.leakThreshold = b.leakThreshold;
    this.leakDetectionEnabled = b.leakDetectionEnabled;
    this.poolWaitThreshold = b.poolWaitThreshold;
    this.poolWaitEnabled = b.poolWaitEnabled;
    this.stackDepth = b.stackDepth;
    this.siteExcludes = List.copyOf(b.siteExcludes);
    this.reportInterval = b.reportInterval;
    this.poolReportsEnabled = b.poolReportsEnabled;
    this.contextKeys = List.copyOf(b.contextKeys);
    this.jmxEnabled = b.jmxEnabled;
    this.metricsEnabled = b.metricsEnabled;
    this.jfrEnabled = b.jfrEnabled;
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

  /** {@code leash.leak.threshold}: age after which an idle lease is a suspected leak. */
  public Duration leakThreshold() {
    return leakThreshold;
  }

  /** False only when built with {@code leakDetectionEnabled(false)}: no lease is ever suspected. */
  public boolean leakDetectionEnabled() {
    return leakDetectionEnabled;
  }

  /** {@code leash.pool.wait.threshold}: an acquisition waiting longer is slow. */
  public Duration poolWaitThreshold() {
    return poolWaitThreshold;
  }

  public boolean poolWaitEnabled() {
    return poolWaitEnabled;
  }

  /** {@code leash.stack.depth}: frames kept per acquisition stack; 0 means no stack capture. */
  /**
   * The SLF4J MDC keys whose values are copied at each acquisition and carried by every report about
   * that lease ({@code leash.context.keys}); empty when off.
   */
  public List<String> contextKeys() {
    return contextKeys;
  }

  public int stackDepth() {
    return stackDepth;
  }

  /** {@code leash.site.exclude}: extra package or class-name prefixes never chosen as the site. */
  public List<String> siteExcludes() {
    return siteExcludes;
  }

  /** {@code leash.report.interval}: minimum time between two {@code pool.exhausted} reports for one pool. */
  public Duration reportInterval() {
    return reportInterval;
  }

  public boolean poolReportsEnabled() {
    return poolReportsEnabled;
  }

  public boolean jmxEnabled() {
    return jmxEnabled;
  }

  public boolean metricsEnabled() {
    return metricsEnabled;
  }

  public boolean jfrEnabled() {
    return jfrEnabled;
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
    out.put(ConfigKey.LEAK_THRESHOLD.key(), leakDetectionEnabled ? Durations.format(leakThreshold) : "off");
    out.put(ConfigKey.POOL_WAIT_THRESHOLD.key(), poolWaitEnabled ? Durations.format(poolWaitThreshold) : "off");
    out.put(ConfigKey.STACK_DEPTH.key(), Integer.toString(stackDepth));
    out.put(ConfigKey.SITE_EXCLUDE.key(), String.join(",", siteExcludes));
    out.put(ConfigKey.REPORT_INTERVAL.key(), poolReportsEnabled ? Durations.format(reportInterval) : "off");
    out.put(ConfigKey.CONTEXT_KEYS.key(), String.join(",", contextKeys));
    out.put(ConfigKey.JMX.key(), Boolean.toString(jmxEnabled));
    out.put(ConfigKey.METRICS.key(), Boolean.toString(metricsEnabled));
    out.put(ConfigKey.JFR.key(), Boolean.toString(jfrEnabled));
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
   * Mutable builder; {@link #build()} returns an immutable config. Each setter checks its value as the
   * loader does and throws a {@link LeashConfigException} for one Leash would reject.
   */
  public static final class Builder {
    private Duration leakThreshold = Duration.ofSeconds(30);
    private boolean leakDetectionEnabled = true;
    private Duration poolWaitThreshold = Duration.ofSeconds(1);
    private boolean poolWaitEnabled = true;
    private int stackDepth = 32;
    private List<String> siteExcludes = List.of();
    private Duration reportInterval = Duration.ofSeconds(10);
    private boolean poolReportsEnabled = true;
    private List<String> contextKeys = DEFAULT_CONTEXT_KEYS;
    private boolean jmxEnabled = true;
    private boolean metricsEnabled = true;
    private boolean jfrEnabled = true;

    private Builder() {}

    private Builder(LeashConfig c) {
      leakThreshold = c.leakThreshold;
      leakDetectionEnabled = c.leakDetectionEnabled;
      poolWaitThreshold = c.poolWaitThreshold;
      poolWaitEnabled = c.poolWaitEnabled;
      stackDepth = c.stackDepth;
      siteExcludes = c.siteExcludes;
      reportInterval = c.reportInterval;
      poolReportsEnabled = c.poolReportsEnabled;
      contextKeys = c.contextKeys;
      jmxEnabled = c.jmxEnabled;
      metricsEnabled = c.metricsEnabled;
      jfrEnabled = c.jfrEnabled;
    }

    /** @throws LeashConfigException outside 1ms..24h */
    public Builder leakThreshold(Duration d) { leakThreshold = checked(ConfigKey.LEAK_THRESHOLD, d); return this; }
    public Builder leakDetectionEnabled(boolean b) { leakDetectionEnabled = b; return this; }
    /** @throws LeashConfigException outside 1ms..24h */
    public Builder poolWaitThreshold(Duration d) { poolWaitThreshold = checked(ConfigKey.POOL_WAIT_THRESHOLD, d); return this; }
    public Builder poolWaitEnabled(boolean b) { poolWaitEnabled = b; return this; }

    /** @throws LeashConfigException outside 0..1024 */
    public Builder stackDepth(int depth) {
      if (depth < 0 || depth > ConfigLoader.MAX_STACK_DEPTH) {
        throw ConfigLoader.stackDepthNotAllowed(Integer.toString(depth), ORIGIN);
      }
      stackDepth = depth;
      return this;
    }

    /** @throws LeashConfigException for an entry that is not a package or class name prefix */
    public Builder siteExcludes(List<String> prefixes) {
      siteExcludes = ConfigLoader.siteExcludes(String.join(",", prefixes), ORIGIN);
      return this;
    }

    /** @throws LeashConfigException outside 0..24h */
    public Builder reportInterval(Duration d) { reportInterval = checked(ConfigKey.REPORT_INTERVAL, d); return this; }
    public Builder poolReportsEnabled(boolean b) { poolReportsEnabled = b; return this; }

    /** @throws LeashConfigException for more than 8 keys or one that is not an MDC key; empty turns context off */
    public Builder contextKeys(List<String> keys) {
      contextKeys = ConfigLoader.contextKeys(String.join(",", keys), ORIGIN);
      return this;
    }

    public Builder jmxEnabled(boolean b) { jmxEnabled = b; return this; }
    public Builder metricsEnabled(boolean b) { metricsEnabled = b; return this; }
    public Builder jfrEnabled(boolean b) { jfrEnabled = b; return this; }

    public LeashConfig build() {
      return new LeashConfig(this);
    }

    private static Duration checked(ConfigKey k, Duration d) {
      Objects.requireNonNull(d, k.key());
      return ConfigLoader.durationInRange(k, d, d.toString(), ORIGIN);
    }
  }
}
