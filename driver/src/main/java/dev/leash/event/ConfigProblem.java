package dev.leash.event;

/**
 * {@code leash.config.rejected}: an ambient setting (system property, environment variable,
 * {@code leash.properties}, agent argument) that Leash could not use. Leash goes on: a key with a bad
 * value keeps its default, an unknown key is ignored. Reported once per process per problem, as a
 * WARN on {@code leash.config}.
 */
public final class ConfigProblem {
  private final String key;
  private final String value;
  private final String source;
  private final String problem;
  private final String suggestion;
  private final String defaultValue;

  /**
   * @param key the key as written; null when the problem is not about one key (a malformed agent argument)
   * @param value the value as written, secrets masked; null when there is none
   * @param source where it came from: {@code system property}, {@code environment variable LEASH_STACK_DEPTH}, ...
   * @param problem what is wrong and what is allowed, one sentence naming key, value and source
   * @param suggestion the known key an unknown one probably meant; null if none
   * @param defaultValue the default the key keeps, as the user would write it ({@code 30s}, empty for none);
   *     null when nothing takes its place (an unknown key, a malformed argument)
   */
  public ConfigProblem(String key, String value, String source, String problem, String suggestion, String defaultValue) {
    this.key = key;
    this.value = value;
    this.source = source;
    this.problem = problem;
    this.suggestion = suggestion;
    this.defaultValue = defaultValue;
  }

  public String key() {
    return key;
  }

  public String value() {
    return value;
  }

  public String source() {
    return source;
  }

  public String problem() {
    return problem;
  }

  public String suggestion() {
    return suggestion;
  }

  /** The default Leash runs with instead; null when the setting is simply ignored. */
  public String defaultValue() {
    return defaultValue;
  }

  @Override
  public String toString() {
    return "ConfigProblem[" + problem + "]";
  }
}
