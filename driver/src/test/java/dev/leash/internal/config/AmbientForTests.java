package dev.leash.internal.config;

import java.util.Map;

/** Lets tests outside this package set the ambient sources (system properties, environment) Leash sees. */
public final class AmbientForTests {

  private AmbientForTests() {}

  /** From now on, Leash's ambient configuration is these system properties and environment variables (plus the class-path file). */
  public static void use(Map<String, String> systemProperties, Map<String, String> environment) {
    ConfigLoader.setAmbientForTests(systemProperties, environment);
  }

  /** Back to the real process. */
  public static void reset() {
    ConfigLoader.resetForTests();
  }
}
