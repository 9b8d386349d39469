package dev.leash.spring;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfig;
import dev.leash.internal.config.ConfigLoader;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads {@code leash.*} from the application's configuration ({@code application.properties}/YAML,
 * command-line arguments, test properties: Spring's relaxed binding, so YAML nesting works) and turns it
 * into a {@link LeashConfig} through the driver's own parser, which knows every key and what it allows:
 * no key is written twice.
 *
 * <p>These are explicit settings, so a bad value or an unknown {@code leash.} key stops the application
 * with a message naming the key ({@link LeashConfigFailureAnalyzer} presents it). System properties and
 * environment variables are left to the driver, which reads them itself as ambient configuration (and
 * PRODUCT.md promises a stray one never cuts an application off from its database). Spring's order still
 * holds: a key the process sets as a system property ({@code -Dleash.leak.threshold}) or environment
 * variable ({@code LEASH_LEAK_THRESHOLD}) overrides the application's files, so it is left out here and
 * the driver's value for it wins.
 */
final class LeashProperties {

  /** {@code leash.enabled}: the starter's own switch, not a driver key. */
  static final String ENABLED = "leash.enabled";

  /** What Leash's messages call these settings. */
  static final String ORIGIN = "Spring Boot property";

  private static final String ATTACHED = "configurationProperties";

  private LeashProperties() {}

  /**
   * The configuration for every data source this application wraps.
   *
   * @throws dev.leash.config.LeashConfigException naming the first bad key
   */
  static LeashConfig load(Environment environment) {
    ConfigLoader.Result loaded = ConfigLoader.loadWithProblems(ORIGIN, explicitValues(environment));
    // A stray system property or environment variable is one WARN on leash.config, never a failed start.
    dev.leash.internal.ConfigProblems.report(loaded.problems());
    return loaded.config();
  }

  /** {@code leash.*} keys to values as written, without {@code leash.enabled}, from the explicit sources only. */
  static Map<String, String> explicitValues(Environment environment) {
    Binder binder = new Binder(ConfigurationPropertySources.from(explicitSources(environment)));
    Map<String, String> bound = binder.bind("leash", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    Map<String, String> out = new TreeMap<>();
    listsJoined(bound).forEach((key, value) -> out.put(ConfigKey.PREFIX + key, value));
    out.remove(ENABLED);
    out.keySet().removeIf(LeashProperties::setByTheProcess);
    return out;
  }

  /**
   * A YAML list ({@code site.exclude: [com.acme.dao, com.acme.util]}) arrives as {@code site.exclude.0},
   * {@code site.exclude.1} (or with brackets): joined here, in index order, into the comma-separated value the driver parses.
   */
  private static Map<String, String> listsJoined(Map<String, String> bound) {
    Map<String, String> out = new TreeMap<>();
    Map<String, TreeMap<Integer, String>> lists = new TreeMap<>();
    bound.forEach((key, value) -> {
      Matcher m = LIST_ELEMENT.matcher(key);
      if (m.matches()) {
        String index = m.group(2) != null ? m.group(2) : m.group(3);
        lists.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(index), value);
      } else {
        out.put(key, value);
      }
    });
    lists.forEach((key, elements) -> out.put(key, String.join(",", elements.values())));
    return out;
  }

  private static final Pattern LIST_ELEMENT = Pattern.compile("(.+?)(?:\\[(\\d{1,6})]|\\.(\\d{1,6}))");

  /** Whether {@code key} is a known key that a system property or environment variable sets (the driver reads those). */
  private static boolean setByTheProcess(String key) {
    ConfigKey<?> k = ConfigKey.named(key);
    return k != null
        && (System.getProperty(k.key()) != null || System.getenv(k.environmentVariable()) != null);
  }

  private static MutablePropertySources explicitSources(Environment environment) {
    MutablePropertySources out = new MutablePropertySources();
    if (environment instanceof ConfigurableEnvironment configurable) {
      for (PropertySource<?> source : configurable.getPropertySources()) {
        String name = source.getName();
        if (!name.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
            && !name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
            && !name.equals(ATTACHED)) {
          out.addLast(source);
        }
      }
    }
    return out;
  }
}
