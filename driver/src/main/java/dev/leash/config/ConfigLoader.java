package dev.leash.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Builds the effective {@link LeashConfig} from every source PRODUCT.md names, highest precedence
 * first:
 *
 * <ol>
 *   <li>connection properties (URL mode; only keys starting with {@code leash.}, the rest belong to
 *       the real driver),
 *   <li>agent arguments ({@link #installAgentArguments}),
 *   <li>system properties starting with {@code leash.},
 *   <li>environment variables, only those named by {@link ConfigKey#environmentVariable()}: the
 *       environment is shared with other tools, so any other {@code LEASH_*} variable is ignored,
 *   <li>the {@value #PROPERTIES_RESOURCE} resource on the class path (the thread's context class
 *       loader, then this class's own loader),
 *   <li>the defaults ({@link ConfigKey#defaultValue()}).
 * </ol>
 *
 * <p>A key set in several sources takes the value of the highest. Every value in every source is
 * validated, including values that a higher source overrides: a bad value is a problem wherever it is
 * written. An unknown {@code leash.} key is a problem too, with a suggestion when a known key is a few
 * edits away.
 *
 * <p>What a problem does depends on its source, as PRODUCT.md says. Connection properties are
 * <em>explicit</em>: a problem there is a {@link LeashConfigException} (the driver turns it into an
 * {@code SQLException}), the first one found, looking at keys in sorted order, so the same mistake
 * always gives the same message. Every other source is <em>ambient</em> (agent arguments, system
 * properties, the environment, {@value #PROPERTIES_RESOURCE}): a problem there never stops anything;
 * {@link #loadWithProblems} returns it for the caller to warn about once, and the key keeps its
 * default (an unknown key is ignored). A stray or misspelt system property must never cut an
 * application off from its database.
 *
 * <p>The driver calls {@link #load} on every {@code connect}, so system properties, the environment
 * and {@value #PROPERTIES_RESOURCE} (per class loader) are read once and cached; a system property set
 * after the first load is not seen. {@link #resetForTests()} drops the cache.
 */
public final class ConfigLoader {

  /** The class-path resource read as the lowest configured source. */
  public static final String PROPERTIES_RESOURCE = "leash.properties";

  static final Duration MAX_DURATION = Duration.ofHours(24);
  static final int MAX_STACK_DEPTH = 1024;
  static final String AGENT_ARGUMENTS_FORM = "key=value[,key=value...]";

  static final String CONNECTION_PROPERTY = "connection property";
  static final String AGENT_ARGUMENT = "agent argument";
  static final String SYSTEM_PROPERTY = "system property";
  static final String ENVIRONMENT_VARIABLE = "environment variable";

  private static final int MAX_SUGGESTION_DISTANCE = 3;

  private static volatile Map<String, String> agentArguments = Collections.emptyMap();
  private static volatile Ambient ambient;

  // Where the ambient snapshot comes from; replaced by tests so that they never see the real process.
  static volatile Supplier<Properties> systemPropertiesReader = System::getProperties;
  static volatile Supplier<Map<String, String>> environmentReader = System::getenv;

  private ConfigLoader() {}

  // ---------------------------------------------------------------------------------------------
  // Entry points

  /**
   * The configuration from the ambient sources alone (no connection properties). Never throws: an
   * ambient problem leaves its key at the default. Callers that must warn about those problems use
   * {@link #loadWithProblems}.
   */
  public static LeashConfig load() {
    return load(null);
  }

  /**
   * The configuration for one connection: the {@code leash.} keys of {@code connectionProperties} on
   * top of the ambient sources. As {@link #loadWithProblems}, without the ambient problems.
   *
   * @throws LeashConfigException for the first bad value or unknown {@code leash.} key in
   *     {@code connectionProperties}
   */
  public static LeashConfig load(Properties connectionProperties) {
    return loadWithProblems(connectionProperties).config();
  }

  /**
   * The configuration for one connection and every problem of the ambient sources. Called by the
   * driver on every {@code connect} and by {@code LeashDataSource.wrap}; cheap after the first call.
   *
   * @param connectionProperties the properties passed to {@code Driver.connect}; null for none. Keys
   *     not starting with {@code leash.} are ignored.
   * @return the configuration (each key with an ambient problem at its default) and those problems, for
   *     the caller to warn about
   * @throws LeashConfigException for the first bad value or unknown {@code leash.} key in
   *     {@code connectionProperties}: explicit settings stay strict
   */
  public static Result loadWithProblems(Properties connectionProperties) {
    return resolve(sources(connectionProperties), false);
  }

  /**
   * The configuration for an explicit source that a framework read for Leash, such as Spring Boot's
   * {@code leash.*} properties: {@code values} on top of the ambient sources. {@code values} are validated
   * as strictly as connection properties (every key must be a known {@code leash.} key); the ambient
   * sources only warn, as everywhere.
   *
   * @param origin what the messages call the source, for example {@code Spring Boot property}
   * @param values full keys ({@code leash.leak.threshold}) to values as written; null values are skipped
   * @return the configuration and the ambient problems, for the caller to warn about
   * @throws LeashConfigException for the first bad value or unknown key of {@code values}, naming {@code origin}
   */
  public static Result loadWithProblems(String origin, Map<String, String> values) {
    List<Source> sources = sources(null);
    sources.add(0, Source.of(Objects.requireNonNull(origin, "origin"), values, true));
    return resolve(sources, false);
  }

  /** As {@link #loadWithProblems(String, Map)}, without the ambient problems. */
  public static LeashConfig load(String origin, Map<String, String> values) {
    return loadWithProblems(origin, values).config();
  }

  /**
   * The configuration from the ambient sources, never throwing: each rejected key keeps its default
   * and the problem is returned for the caller to print.
   */
  public static Result loadLenient() {
    return resolve(sources(null), false);
  }

  /**
   * What the Java agent's {@code premain}/{@code agentmain} calls with its argument string: parses it
   * leniently (a malformed fragment is a problem and is skipped), {@linkplain #installAgentArguments
   * installs} the result for every later {@link #load}, and returns {@link #loadLenient()} with the
   * parse problems first.
   *
   * @param agentArgs the text after {@code =} in {@code -javaagent:leash-agent.jar=...}; null or blank for none
   */
  public static Result loadForAgent(String agentArgs) {
    List<LeashConfigException> problems = new ArrayList<>();
    installAgentArguments(parseAgentArguments(agentArgs, problems));
    Result r = loadLenient();
    problems.addAll(r.problems());
    return new Result(r.config(), problems);
  }

  // ---------------------------------------------------------------------------------------------
  // Agent arguments

  /**
   * Parses the agent's argument string: {@code key=value} pairs separated by commas, keys with or
   * without the {@code leash.} prefix ({@code leak.threshold=5s,jmx=false}). Returned keys always carry
   * the prefix; keys are not checked here (an unknown key is reported by {@link #load}). Whitespace
   * around keys is dropped; values are kept as written and trimmed when validated. A later pair for the
   * same key wins.
   *
   * <p>Lists: {@code leash.site.exclude} takes a comma-separated list, so a fragment without {@code =}
   * that follows it continues its value: {@code site.exclude=com.acme.dao,com.acme.util,jmx=false}
   * gives {@code leash.site.exclude = com.acme.dao,com.acme.util} and {@code leash.jmx = false}. This
   * is unambiguous because a package prefix never contains {@code =}. {@code leash.context.keys} is a
   * list the same way ({@code context.keys=trace_id,span_id}). Anywhere else a fragment without
   * {@code =} is an error; an empty fragment there ({@code a=1,,b=2}, a trailing comma) is ignored.
   *
   * @param agentArgs the argument string; null or blank for none
   * @return the pairs in the order written, with full keys; unmodifiable
   * @throws LeashConfigException for a fragment without {@code =} or with an empty key; the message
   *     names the fragment and the expected form {@code key=value[,key=value...]}
   */
  public static Map<String, String> parseAgentArguments(String agentArgs) {
    return parseAgentArguments(agentArgs, null);
  }

  /** As {@link #parseAgentArguments(String)}; when {@code problems} is not null, collects and skips instead of throwing. */
  static Map<String, String> parseAgentArguments(String agentArgs, List<LeashConfigException> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return Collections.unmodifiableMap(out);
    }
    String listKey = null; // the key a fragment without '=' continues, when the previous pair was a list
    for (String fragment : agentArgs.split(",", -1)) {
      int eq = fragment.indexOf('=');
      if (eq < 0) {
        if (listKey != null) {
          out.put(listKey, out.get(listKey) + "," + fragment);
        } else if (!fragment.trim().isEmpty()) {
          fail(problems, malformedAgentArgument(null, fragment, "is not a key=value pair"));
        }
        continue;
      }
      String key = fragment.substring(0, eq).trim();
      if (key.isEmpty()) {
        fail(problems, malformedAgentArgument("", fragment, "has no key"));
        listKey = null;
        continue;
      }
      String full = key.startsWith(ConfigKey.PREFIX) ? key : ConfigKey.PREFIX + key;
      out.put(full, fragment.substring(eq + 1));
      listKey = full.equals(ConfigKey.SITE_EXCLUDE.key()) || full.equals(ConfigKey.CONTEXT_KEYS.key()) ? full : null;
    }
    return Collections.unmodifiableMap(out);
  }

  private static LeashConfigException malformedAgentArgument(String key, String fragment, String problem) {
    return new LeashConfigException(key, fragment, AGENT_ARGUMENT,
        "agent argument '" + fragment + "' " + problem + "; use " + AGENT_ARGUMENTS_FORM
            + ", for example leak.threshold=30s,site.exclude=com.acme.dao,com.acme.util");
  }

  private static void fail(List<LeashConfigException> problems, LeashConfigException e) {
    if (problems == null) {
      throw e;
    }
    problems.add(e);
  }

  /**
   * Stores parsed agent arguments process-wide, for every later {@link #load}/{@link #loadLenient} to
   * see between connection properties and system properties. Called once by the agent (again on a
   * later {@code attach}, which replaces them). Keys without the {@code leash.} prefix get it.
   *
   * @param arguments usually the result of {@link #parseAgentArguments}; null clears them
   */
  public static void installAgentArguments(Map<String, String> arguments) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (arguments != null) {
      for (Map.Entry<String, String> e : arguments.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          String k = e.getKey().trim();
          copy.put(k.startsWith(ConfigKey.PREFIX) ? k : ConfigKey.PREFIX + k, e.getValue());
        }
      }
    }
    agentArguments = Collections.unmodifiableMap(copy);
  }

  /** The agent arguments installed now; empty when none. */
  static Map<String, String> installedAgentArguments() {
    return agentArguments;
  }

  /**
   * Forgets the cached system properties, environment and {@value #PROPERTIES_RESOURCE} contents and
   * the installed agent arguments, so the next load reads everything again. For tests only.
   */
  public static void resetForTests() {
    systemPropertiesReader = System::getProperties;
    environmentReader = System::getenv;
    agentArguments = Collections.emptyMap();
    refreshAmbient();
  }

  /** Drops the cached ambient snapshot only: the next load reads system properties, environment and file again. */
  static void refreshAmbient() {
    ambient = null;
  }

  /**
   * Replaces the cached system properties and environment with the given maps (the class-path file is
   * still read), so that tests never depend on the real process. Undone by {@link #resetForTests()}.
   */
  static void setAmbientForTests(Map<String, String> systemProperties, Map<String, String> environment) {
    ambient = new Ambient(Source.systemProperties(toProperties(systemProperties)), Source.environment(environment));
  }

  private static Properties toProperties(Map<String, String> map) {
    Properties p = new Properties();
    p.putAll(map);
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Sources

  /** Every source in precedence order, highest first, for a load with these connection properties. */
  static List<Source> sources(Properties connectionProperties) {
    Ambient a = ambient();
    List<Source> out = new ArrayList<>(5);
    if (connectionProperties != null) {
      out.add(Source.connectionProperties(connectionProperties));
    }
    out.add(Source.of(AGENT_ARGUMENT, agentArguments));
    out.add(a.systemProperties);
    out.add(a.environment);
    out.add(a.propertiesFile(Thread.currentThread().getContextClassLoader()));
    return out;
  }

  private static Ambient ambient() {
    Ambient a = ambient;
    if (a == null) {
      a = new Ambient(Source.systemProperties(systemPropertiesReader.get()), Source.environment(environmentReader.get()));
      ambient = a;
    }
    return a;
  }

  /** The sources that do not change between connections, read once. */
  private static final class Ambient {
    final Source systemProperties;
    final Source environment;
    // Keyed by context class loader (weakly: web apps come and go); a null key is "no context loader".
    private final Map<ClassLoader, Source> files = Collections.synchronizedMap(new WeakHashMap<>());

    Ambient(Source systemProperties, Source environment) {
      this.systemProperties = systemProperties;
      this.environment = environment;
    }

    Source propertiesFile(ClassLoader contextLoader) {
      return files.computeIfAbsent(contextLoader, Source::propertiesFile);
    }
  }

  /**
   * One source of configuration: a name for messages and its {@code leash.} keys, sorted. Immutable.
   * Factories decide which keys of the underlying map count; every key a source holds is checked.
   */
  static final class Source {
    private final String name;
    private final Map<String, String> values;
    private final boolean environment;
    private final boolean explicit;
    private final LeashConfigException unreadable;

    private Source(String name, Map<String, String> values, boolean environment, boolean explicit,
        LeashConfigException unreadable) {
      this.name = name;
      this.values = values;
      this.environment = environment;
      this.explicit = explicit;
      this.unreadable = unreadable;
    }

    /** A source with exactly these keys (null values are skipped). */
    static Source of(String name, Map<String, String> values) {
      return of(name, values, false);
    }

    static Source of(String name, Map<String, String> values, boolean explicit) {
      Map<String, String> sorted = new TreeMap<>();
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          sorted.put(e.getKey(), e.getValue());
        }
      }
      return new Source(Objects.requireNonNull(name), Collections.unmodifiableMap(sorted), false, explicit, null);
    }

    /** The {@code leash.} keys of a driver's connection properties, including their defaults. Explicit. */
    static Source connectionProperties(Properties p) {
      return of(CONNECTION_PROPERTY, leashKeys(p), true);
    }

    /** The {@code leash.} system properties. */
    static Source systemProperties(Properties p) {
      return of(SYSTEM_PROPERTY, leashKeys(p));
    }

    /** Only the variables that {@link ConfigKey#environmentVariable()} names; each value's origin names its variable. */
    static Source environment(Map<String, String> env) {
      Map<String, String> values = new TreeMap<>();
      for (ConfigKey k : ConfigKey.values()) {
        String v = env.get(k.environmentVariable());
        if (v != null) {
          values.put(k.key(), v);
        }
      }
      return new Source(ENVIRONMENT_VARIABLE, Collections.unmodifiableMap(values), true, false, null);
    }

    /**
     * The {@value ConfigLoader#PROPERTIES_RESOURCE} resource seen by {@code contextLoader}, or if it has none (or is
     * null) by {@code ConfigLoader}'s own loader. Every key in the file is checked, prefix or not: it is
     * Leash's own file. An unreadable file is a problem reported by {@link #resolve}.
     */
    static Source propertiesFile(ClassLoader contextLoader) {
      URL url = null;
      try {
        url = contextLoader == null ? null : contextLoader.getResource(PROPERTIES_RESOURCE);
        if (url == null) {
          ClassLoader own = ConfigLoader.class.getClassLoader();
          url = own == null ? ClassLoader.getSystemResource(PROPERTIES_RESOURCE) : own.getResource(PROPERTIES_RESOURCE);
        }
        if (url == null) {
          return of(PROPERTIES_RESOURCE, Collections.emptyMap());
        }
        return of(PROPERTIES_RESOURCE, read(url));
      } catch (IOException | RuntimeException e) {
        String where = url == null ? "" : " at " + url;
        return new Source(PROPERTIES_RESOURCE, Collections.emptyMap(), false, false,
            new LeashConfigException(null, null, PROPERTIES_RESOURCE,
                PROPERTIES_RESOURCE + where + " cannot be read: " + e));
      }
    }

    private static Map<String, String> read(URL url) throws IOException {
      URLConnection c = url.openConnection();
      c.setUseCaches(false); // do not keep a jar file open (and locked, on Windows) behind the application's back
      Properties p = new Properties();
      try (InputStream in = c.getInputStream(); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      Map<String, String> out = new TreeMap<>();
      for (String name : p.stringPropertyNames()) {
        out.put(name, p.getProperty(name));
      }
      return out;
    }

    private static Map<String, String> leashKeys(Properties p) {
      Map<String, String> out = new TreeMap<>();
      // stringPropertyNames() includes defaults; a non-String value put() directly would be missed by it
      for (Map.Entry<Object, Object> e : new ArrayList<>(p.entrySet())) {
        if (e.getKey() instanceof String && e.getValue() != null) {
          out.put((String) e.getKey(), String.valueOf(e.getValue()));
        }
      }
      for (String name : p.stringPropertyNames()) {
        out.putIfAbsent(name, p.getProperty(name));
      }
      out.keySet().removeIf(k -> !k.startsWith(ConfigKey.PREFIX));
      return out;
    }

    /** Whether a problem here is an error (connection properties) rather than a warning (every ambient source). */
    boolean explicit() {
      return explicit;
    }

    /** The name shown in messages; for the environment, {@code environment variable}. */
    String name() {
      return name;
    }

    /** Key → value, sorted by key. */
    Map<String, String> values() {
      return values;
    }

    /** Where {@code key}'s value came from, for a message. */
    String origin(String key) {
      if (environment) {
        ConfigKey k = exact(key);
        return k == null ? name : name + " " + k.environmentVariable();
      }
      return name;
    }

    @Override
    public String toString() {
      return name + values;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution

  /**
   * Resolves {@code sources}, highest precedence first, over the defaults.
   *
   * @param strict true to throw the first problem of any source (for tools and tests that want every
   *     mistake to be an error); false to throw only for {@linkplain Source#explicit() explicit} sources
   *     and collect the problems of the others, whose keys then keep their defaults
   * @throws LeashConfigException for a problem in an explicit source, or in any source when {@code strict}
   */
  static Result resolve(List<Source> sources, boolean strict) {
    LeashConfig.Builder b = LeashConfig.builder();
    List<LeashConfigException> problems = new ArrayList<>();
    Set<ConfigKey> decided = EnumSet.noneOf(ConfigKey.class);
    for (Source s : sources) {
      boolean throwing = strict || s.explicit();
      if (s.unreadable != null) {
        if (throwing) {
          throw s.unreadable;
        }
        problems.add(s.unreadable);
      }
      for (Map.Entry<String, String> e : s.values().entrySet()) {
        String key = e.getKey();
        ConfigKey k = exact(key);
        if (k == null) {
          LeashConfigException ex = unknownKey(key, e.getValue(), s.origin(key));
          if (throwing) {
            throw ex;
          }
          problems.add(ex);
          continue;
        }
        // A rejected value still decides its key: the key keeps its default rather than a lower source's
        // value, so what Leash runs with is what the warning says.
        boolean effective = decided.add(k);
        try {
          Object parsed = parse(k, e.getValue(), s.origin(key));
          if (effective) {
            set(b, k, parsed);
          }
        } catch (LeashConfigException ex) {
          if (throwing) {
            throw ex;
          }
          problems.add(ex);
        }
      }
    }
    return new Result(b.build(), problems);
  }

  /** The key spelled exactly so, prefix included; null if none. ({@link ConfigKey#find} also accepts a missing prefix.) */
  static ConfigKey exact(String key) {
    for (ConfigKey k : ConfigKey.values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Validates {@code value} for {@code k}: a {@link Duration}, an {@link Integer}, a {@link Boolean} or
   * a {@code List<String>}.
   *
   * @throws LeashConfigException naming the key, the value, the origin and what is allowed
   */
  static Object parse(ConfigKey k, String value, String origin) {
    switch (k) {
      case LEAK_THRESHOLD:
      case POOL_WAIT_THRESHOLD:
      case REPORT_INTERVAL:
        return duration(k, value, origin);
      case STACK_DEPTH:
        return stackDepth(value, origin);
      case SITE_EXCLUDE:
        return siteExcludes(value, origin);
      case CONTEXT_KEYS:
        return contextKeys(value, origin);
      case JMX:
      case METRICS:
      case JFR:
        return bool(k, value, origin);
      default:
        throw new AssertionError(k);
    }
  }

  private static Duration duration(ConfigKey k, String value, String origin) {
    Duration d = Durations.parseOrNull(value);
    if (d == null) {
      throw LeashConfigException.badValue(k.key(), value, origin, "is not a duration; " + Durations.ALLOWED);
    }
    return durationInRange(k, d, value, origin);
  }

  /**
   * {@code d} if it is allowed for {@code k} (thresholds from 1ms, the report interval from 0, all up to 24h).
   *
   * @param asWritten the value as the user wrote it, for the message
   */
  static Duration durationInRange(ConfigKey k, Duration d, String asWritten, String origin) {
    Duration min = k == ConfigKey.REPORT_INTERVAL ? Duration.ZERO : Duration.ofMillis(1);
    if (d.compareTo(min) < 0 || d.compareTo(MAX_DURATION) > 0) {
      String range = k == ConfigKey.REPORT_INTERVAL ? "from 0 to 24h" : "from 1ms to 24h";
      throw LeashConfigException.badValue(k.key(), asWritten, origin,
          "is not allowed; use a duration " + range + ", such as 250ms, 30s, 5m or PT30S");
    }
    return d;
  }

  private static Integer stackDepth(String value, String origin) {
    String t = value.trim();
    if (t.matches("\\d{1,4}")) {
      int n = Integer.parseInt(t);
      if (n <= MAX_STACK_DEPTH) {
        return n;
      }
    }
    throw stackDepthNotAllowed(value, origin);
  }

  static LeashConfigException stackDepthNotAllowed(String value, String origin) {
    return LeashConfigException.badValue(ConfigKey.STACK_DEPTH.key(), value, origin,
        "is not allowed; use a whole number from 0 to " + MAX_STACK_DEPTH);
  }

  private static Boolean bool(ConfigKey k, String value, String origin) {
    String t = value.trim();
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw LeashConfigException.badValue(k.key(), value, origin, "is not allowed; use true or false");
  }

  private static final String SITE_EXCLUDE_ALLOWED =
      "use comma-separated package or class name prefixes, such as com.acme.dao,com.acme.util.Sql";

  static List<String> siteExcludes(String value, String origin) {
    if (value.trim().isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    String[] parts = value.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      String problem = null;
      if (p.isEmpty()) {
        problem = "entry " + (i + 1) + " is empty";
      } else if (!isPrefix(p)) {
        problem = "'" + p + "' is not a package or class name prefix";
      }
      if (problem != null) {
        throw LeashConfigException.badValue(ConfigKey.SITE_EXCLUDE.key(), value, origin,
            "is not allowed: " + problem + "; " + SITE_EXCLUDE_ALLOWED);
      }
      out.add(p);
    }
    return List.copyOf(out);
  }

  /** At most this many MDC keys: each is one look-up on every acquisition. */
  static final int MAX_CONTEXT_KEYS = 8;
  private static final java.util.regex.Pattern MDC_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final String CONTEXT_KEYS_ALLOWED = "use up to " + MAX_CONTEXT_KEYS
      + " comma-separated MDC keys (letters, digits, '_', '.', '-'), such as trace_id,span_id, or nothing to turn it off";

  static List<String> contextKeys(String value, String origin) {
    if (value.trim().isEmpty()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    String[] parts = value.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String k = parts[i].trim();
      String problem = null;
      if (k.isEmpty()) {
        problem = "entry " + (i + 1) + " is empty";
      } else if (!MDC_KEY.matcher(k).matches()) {
        problem = "'" + k + "' is not an MDC key";
      }
      if (problem != null) {
        throw LeashConfigException.badValue(ConfigKey.CONTEXT_KEYS.key(), value, origin,
            "is not allowed: " + problem + "; " + CONTEXT_KEYS_ALLOWED);
      }
      out.add(k);
    }
    if (out.size() > MAX_CONTEXT_KEYS) {
      throw LeashConfigException.badValue(ConfigKey.CONTEXT_KEYS.key(), value, origin,
          "is not allowed: " + out.size() + " keys; " + CONTEXT_KEYS_ALLOWED);
    }
    return List.copyOf(out);
  }

  /** Java identifiers joined by single dots; one trailing dot is allowed ({@code com.acme.} stops at the package boundary). */
  static boolean isPrefix(String p) {
    String body = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
    if (body.isEmpty()) {
      return false;
    }
    for (String segment : body.split("\\.", -1)) {
      if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.charAt(0))) {
        return false;
      }
      for (int i = 1; i < segment.length(); i++) {
        if (!Character.isJavaIdentifierPart(segment.charAt(i)) || Character.isIdentifierIgnorable(segment.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static void set(LeashConfig.Builder b, ConfigKey k, Object v) {
    switch (k) {
      case LEAK_THRESHOLD:
        b.leakThreshold((Duration) v);
        break;
      case POOL_WAIT_THRESHOLD:
        b.poolWaitThreshold((Duration) v);
        break;
      case REPORT_INTERVAL:
        b.reportInterval((Duration) v);
        break;
      case STACK_DEPTH:
        b.stackDepth((Integer) v);
        break;
      case SITE_EXCLUDE:
        b.siteExcludes((List<String>) v);
        break;
      case CONTEXT_KEYS:
        b.contextKeys((List<String>) v);
        break;
      case JMX:
        b.jmxEnabled((Boolean) v);
        break;
      case METRICS:
        b.metricsEnabled((Boolean) v);
        break;
      case JFR:
        b.jfrEnabled((Boolean) v);
        break;
      default:
        throw new AssertionError(k);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Unknown keys

  /** {@code leash.leak.treshold: '5s' (system property) is not a known key; did you mean leash.leak.threshold? Known keys are ...}. */
  static LeashConfigException unknownKey(String key, String value, String origin) {
    StringBuilder m = new StringBuilder(key).append(": '").append(value).append('\'');
    if (origin != null) {
      m.append(" (").append(origin).append(')');
    }
    m.append(" is not a known key");
    String suggestion = suggest(key);
    if (suggestion != null) {
      m.append("; did you mean ").append(suggestion).append("? Known keys are ");
    } else {
      m.append("; known keys are ");
    }
    m.append(knownKeys());
    return new LeashConfigException(key, value, origin, m.toString(), suggestion);
  }

  static String knownKeys() {
    StringBuilder s = new StringBuilder();
    for (ConfigKey k : ConfigKey.values()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(k.key());
    }
    return s.toString();
  }

  /** The known key closest to {@code key} (ignoring case), if a few edits away; or {@code key} with the prefix added, if that is known. */
  static String suggest(String key) {
    if (!key.startsWith(ConfigKey.PREFIX)) {
      ConfigKey prefixed = exact(ConfigKey.PREFIX + key);
      if (prefixed != null) {
        return prefixed.key();
      }
    }
    String lower = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
    for (ConfigKey k : ConfigKey.values()) {
      int d = editDistance(lower, k.key());
      if (d < bestDistance) {
        best = k.key();
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance (insert, delete, replace). */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(replace, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * What a load returns: the configuration to run with and every problem of the ambient sources, in the
   * order found (sources highest first, keys sorted), for the caller to warn about.
   */
  public static final class Result {
    private final LeashConfig config;
    private final List<LeashConfigException> problems;

    Result(LeashConfig config, List<LeashConfigException> problems) {
      this.config = config;
      this.problems = List.copyOf(problems);
    }

    /** The configuration; a rejected key has its default in it, an unknown key is ignored. */
    public LeashConfig config() {
      return config;
    }

    /** Every rejected value and unknown key; empty when the configuration is clean. Unmodifiable. */
    public List<LeashConfigException> problems() {
      return problems;
    }

    @Override
    public String toString() {
      return "Result[" + config + ", problems=" + problems.size() + "]";
    }
  }
}
