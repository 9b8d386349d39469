package dev.leash.internal.config;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One source of configuration: a name for messages and its {@code leash.} keys, sorted. Immutable.
 * Factories decide which keys of the underlying map count; every key a source holds is checked.
 */
final class Source {

  /** The class-path resource read as the lowest configured source. */
  static final String PROPERTIES_RESOURCE = "leash.properties";

  static final String CONNECTION_PROPERTY = "connection property";
  static final String AGENT_ARGUMENT = "agent argument";
  static final String SYSTEM_PROPERTY = "system property";
  static final String ENVIRONMENT_VARIABLE = "environment variable";

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
    for (ConfigKey<?> k : ConfigKey.values()) {
      String v = env.get(k.environmentVariable());
      if (v != null) {
        values.put(k.key(), v);
      }
    }
    return new Source(ENVIRONMENT_VARIABLE, Collections.unmodifiableMap(values), true, false, null);
  }

  /**
   * The {@value #PROPERTIES_RESOURCE} resource seen by {@code contextLoader}, or if it has none (or is null)
   * by Leash's own loader. Every key in the file is checked, prefix or not: it is Leash's own file. An
   * unreadable file is a problem reported by {@link Resolver#resolve}.
   */
  static Source propertiesFile(ClassLoader contextLoader) {
    URL url = null;
    try {
      url = contextLoader == null ? null : contextLoader.getResource(PROPERTIES_RESOURCE);
      if (url == null) {
        ClassLoader own = Source.class.getClassLoader();
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
              PROPERTIES_RESOURCE + where + " cannot be read: " + e, null));
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

  /** Why the source could not be read; null when it could. */
  LeashConfigException unreadable() {
    return unreadable;
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
      ConfigKey<?> k = ConfigKey.named(key);
      return k == null ? name : name + " " + k.environmentVariable();
    }
    return name;
  }

  @Override
  public String toString() {
    return name + values;
  }
}
