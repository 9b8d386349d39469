package dev.leash.config;

/**
 * A configuration value or key that Leash rejects. Thrown for an explicit setting (a connection property,
 * {@link LeashConfig.Builder}, a Spring Boot property) and collected, to be warned about once, for an
 * ambient one (system property, environment, {@code leash.properties}, agent argument); the message is written for the person who set the value and
 * always names the key, the value as written, where it came from and what is allowed, for example
 *
 * <pre>
 * leash.leak.threshold: '5x' (system property) is not a duration; use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)
 * </pre>
 *
 * <p>The messages are API: tests assert them word for word.
 */
public final class LeashConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;
  private final String origin;
  private final String suggestion;

  /**
   * For Leash's own loaders ({@code dev.leash.internal.config}), which word problems that are not about a
   * value (an unknown key, a malformed agent argument, an unreadable file); a rejected value is worded by its
   * {@link ConfigKey}. Applications have no reason to create one.
   *
   * @param key the key as written, or null when the problem is not about one key
   * @param value the rejected value (or agent-argument fragment) as written, or null for an unknown key
   * @param origin where the value came from ({@code system property}, ...), or null when unknown
   * @param message the complete message
   * @param suggestion for an unknown key, the known key it probably meant; else null
   */
  public LeashConfigException(String key, String value, String origin, String message, String suggestion) {
    super(message);
    this.key = key;
    this.value = value;
    this.origin = origin;
    this.suggestion = suggestion;
  }

  /** A rejected value: {@code key: 'value' (origin) problem}. */
  static LeashConfigException badValue(String key, String value, String origin, String problem) {
    String where = origin == null ? "" : " (" + origin + ")";
    return new LeashConfigException(key, value, origin, key + ": '" + value + "'" + where + " " + problem, null);
  }

  /**
   * The key the problem is about, as written (an unknown key is reported as the user spelled it). Null
   * when the problem is not about one key, such as an agent argument without {@code =}.
   */
  public String key() {
    return key;
  }

  /**
   * The rejected value as written, untrimmed (for an unknown key, the value it was given); for a
   * malformed agent argument, the whole fragment. Null when there is none.
   */
  public String value() {
    return value;
  }

  /**
   * Where the value came from, as shown in the message: {@code connection property}, {@code agent
   * argument}, {@code system property}, {@code environment variable LEASH_LEAK_THRESHOLD} or
   * {@code leash.properties}. Null when not known.
   */
  public String origin() {
    return origin;
  }

  /** For an unknown key, the known key it probably meant ({@code leash.leak.threshold} for {@code leash.leak.treshold}); else null. */
  public String suggestion() {
    return suggestion;
  }

  /** Whether the key is one Leash knows (a bad value) rather than an unknown key or a malformed argument. */
  public boolean knownKey() {
    return key != null && ConfigKey.named(key) != null;
  }
}
