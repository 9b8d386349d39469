package dev.leash.internal.config;

import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The sources that do not change between connections (system properties, environment, {@value
 * Source#PROPERTIES_RESOURCE} per context class loader), read once and cached: the driver loads its
 * configuration on every {@code connect}. A system property set after the first load is not seen.
 */
final class AmbientSources {

  private static volatile AmbientSources current;

  // Where the snapshot comes from; replaced by tests so that they never see the real process.
  static volatile Supplier<Properties> systemPropertiesReader = System::getProperties;
  static volatile Supplier<Map<String, String>> environmentReader = System::getenv;

  final Source systemProperties;
  final Source environment;
  // Keyed by context class loader (weakly: web apps come and go); a null key is "no context loader".
  private final Map<ClassLoader, Source> files = Collections.synchronizedMap(new WeakHashMap<>());

  private AmbientSources(Source systemProperties, Source environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** The cached snapshot, read now if there is none. */
  static AmbientSources get() {
    AmbientSources a = current;
    if (a == null) {
      a = new AmbientSources(Source.systemProperties(systemPropertiesReader.get()),
          Source.environment(environmentReader.get()));
      current = a;
    }
    return a;
  }

  Source propertiesFile(ClassLoader contextLoader) {
    return files.computeIfAbsent(contextLoader, Source::propertiesFile);
  }

  /** Drops the snapshot only: the next load reads system properties, environment and file again. */
  static void refresh() {
    current = null;
  }

  /** Back to the real process's system properties and environment, read again at the next load. */
  static void reset() {
    systemPropertiesReader = System::getProperties;
    environmentReader = System::getenv;
    refresh();
  }

  /** These system properties and this environment instead of the process's (the class-path file is still read). */
  static void useForTests(Map<String, String> systemProperties, Map<String, String> environment) {
    Properties p = new Properties();
    p.putAll(systemProperties);
    current = new AmbientSources(Source.systemProperties(p), Source.environment(environment));
  }
}
