package dev.leash.internal.config;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Builds the effective {@link LeashConfig} from every source PRODUCT.md names, highest precedence
 * first:
 *
 * <ol>
 *   <li>connection properties (URL mode; only keys starting with {@code leash.}, the rest belong to
 *       the real driver),
 *   <li>agent arguments ({@link #loadForAgent}),
 *   <li>system properties starting with {@code leash.},
 *   <li>environment variables, only those named by {@link ConfigKey#environmentVariable()}: the
 *       environment is shared with other tools, so any other {@code LEASH_*} variable is ignored,
 *   <li>the {@code leash.properties} resource on the class path (the thread's context class
 *       loader, then Leash's own loader),
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
 * properties, the environment, {@code leash.properties}): a problem there never stops anything;
 * {@link #loadWithProblems} returns it for the caller to warn about once, and the key keeps its
 * default (an unknown key is ignored). A stray or misspelt system property must never cut an
 * application off from its database.
 *
 * <p>The driver calls {@link #load} on every {@code connect}, so system properties, the environment
 * and {@code leash.properties} (per class loader) are read once and cached; a system property set
 * after the first load is not seen. {@link #resetForTests()} drops the cache.
 *
 * <p>Internal but shared (see the package): called by {@code LeashDriver}, {@code LeashDataSource}, the
 * javaagent's {@code premain} and the Spring Boot starter.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

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
    return Resolver.resolve(sources(connectionProperties), false);
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
    return Resolver.resolve(sources, false);
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
    return Resolver.resolve(sources(null), false);
  }

  /**
   * What the Java agent's {@code premain}/{@code agentmain} calls with its argument string: parses it
   * leniently (a malformed fragment is a problem and is skipped), installs the result for every later
   * {@link #load}, and returns {@link #loadLenient()} with the parse problems first.
   *
   * @param agentArgs the text after {@code =} in {@code -javaagent:leash-agent.jar=...}; null or blank for none
   */
  public static Result loadForAgent(String agentArgs) {
    List<LeashConfigException> problems = new ArrayList<>();
    AgentArguments.install(AgentArguments.parse(agentArgs, problems));
    Result r = loadLenient();
    problems.addAll(r.problems());
    return new Result(r.config(), problems);
  }

  /**
   * Forgets the cached system properties, environment and {@code leash.properties} contents and the
   * installed agent arguments, so the next load reads everything again. For tests only.
   */
  public static void resetForTests() {
    AgentArguments.install(null);
    AmbientSources.reset();
  }

  /**
   * Replaces the cached system properties and environment with the given maps (the class-path file is
   * still read), so that tests never depend on the real process. Undone by {@link #resetForTests()}.
   */
  public static void setAmbientForTests(Map<String, String> systemProperties, Map<String, String> environment) {
    AmbientSources.useForTests(systemProperties, environment);
  }

  /** Every source in precedence order, highest first, for a load with these connection properties. */
  static List<Source> sources(Properties connectionProperties) {
    AmbientSources a = AmbientSources.get();
    List<Source> out = new ArrayList<>(6);
    if (connectionProperties != null) {
      out.add(Source.connectionProperties(connectionProperties));
    }
    out.add(AgentArguments.source());
    out.add(a.systemProperties);
    out.add(a.environment);
    out.add(a.propertiesFile(Thread.currentThread().getContextClassLoader()));
    return out;
  }

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
