package dev.leash.spring;

import dev.leash.config.LeashConfigException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a rejected {@code leash.*} setting into Spring Boot's start-up failure report ("APPLICATION
 * FAILED TO START"): Leash's message (key, value, what is allowed, the key probably meant) and where
 * the value was written, as Spring Boot does for its own properties. Registered in
 * {@code META-INF/spring.factories}; Spring Boot calls it with the application's environment.
 */
public final class LeashConfigFailureAnalyzer extends AbstractFailureAnalyzer<LeashConfigException> {

  private final Environment environment;

  /** Called by Spring Boot's failure analysis, with the failed application's environment. */
  public LeashConfigFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LeashConfigException cause) {
    StringBuilder description = new StringBuilder("Leash's configuration is not valid:\n\n    ").append(cause.getMessage());
    String origin = origin(cause.key());
    if (origin != null) {
      description.append("\n\n    Origin: ").append(origin);
    }
    String key = cause.key() == null ? "the leash.* setting" : cause.key();
    String action = "Correct or remove " + key + " in your application's configuration. Leash's keys and the values"
        + " they allow are in the configuration table of its README; leash.enabled=false turns Leash off.";
    return new FailureAnalysis(description.toString(), action, cause);
  }

  /** Where Spring read {@code key} from (file and line), or null when it cannot say. */
  private String origin(String key) {
    if (key == null || environment == null) {
      return null;
    }
    try {
      ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
      for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property != null && property.getOrigin() != null) {
          return property.getOrigin().toString();
        }
      }
    } catch (RuntimeException e) {
      // no origin: the message itself still names the key
    }
    return null;
  }
}
