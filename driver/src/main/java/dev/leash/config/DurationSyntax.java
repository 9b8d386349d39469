package dev.leash.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of every Leash key: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601
 * {@code PT30S}, or bare milliseconds; parsed and written back in the same syntax. The human form of log
 * lines ({@code 850 ms}, {@code 31.2 s}) is another syntax for readers, not writers: {@code report.Durations}.
 */
final class DurationSyntax {

  /** Shown in every error message about a duration. */
  static final String ALLOWED = "use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)";

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h)?");

  private DurationSyntax() {}

  /**
   * Parses {@code text}; returns null when it is not a duration in the syntax above (the caller builds
   * the error message, because only it knows the key).
   */
  static Duration parseOrNull(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    if (t.charAt(0) == 'P' || t.charAt(0) == 'p') {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = SIMPLE.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    String unit = m.group(2);
    try {
      if (unit == null || unit.equals("ms")) {
        return Duration.ofMillis(n);
      }
      switch (unit) {
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        default:
          return Duration.ofHours(n);
      }
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** The shortest exact form in Leash's own syntax: {@code 30s}, {@code 250ms}, {@code 5m}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms != 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
