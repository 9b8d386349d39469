package dev.leash.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What values one kind of key allows, and the words that say so: parses the text a user wrote (from any
 * source), checks a typed value given to {@link LeashConfig.Builder}, and writes a value back in the
 * syntax it parses. Each {@link ConfigKey} holds one; every message about a rejected value is built here,
 * so a source or the builder never words one itself.
 *
 * @param <T> the parsed value: {@link Duration}, {@link Integer}, {@link Boolean} or {@code List<String>}
 */
abstract class ValueType<T> {

  /** The value of {@code text}, for {@code key}; {@code origin} is only for the message. */
  abstract T parse(String key, String text, String origin);

  /** {@code value} if allowed; else the exception a user writing {@code format(value)} would get. */
  abstract T check(String key, T value, String origin);

  /** {@code value} in the syntax {@link #parse} reads, as the {@code leash.started} line shows it. */
  abstract String format(T value);

  /** The Java type of the values, as Spring Boot's configuration metadata writes it. */
  abstract String typeName();

  /** Whether the value is a comma-separated list (an agent argument's later fragments may continue it). */
  boolean list() {
    return false;
  }

  // ---------------------------------------------------------------------------------------------

  /** Durations from {@code min} to 24h. */
  static ValueType<Duration> duration(Duration min, String range) {
    return new DurationType(min, range);
  }

  /** Whole numbers from 0 to {@code max}, in at most four digits. */
  static ValueType<Integer> wholeNumber(int max) {
    return new WholeNumber(max);
  }

  /** {@code true} or {@code false}, in any case. */
  static ValueType<Boolean> flag() {
    return FLAG;
  }

  /** Package or class-name prefixes ({@code leash.site.exclude}). */
  static ValueType<List<String>> prefixes() {
    return new NameList(Integer.MAX_VALUE, ValueType::isPrefix, "is not a package or class name prefix",
        "use comma-separated package or class name prefixes, such as com.acme.dao,com.acme.util.Sql");
  }

  /** MDC keys ({@code leash.context.keys}), at most {@code max}: each is one look-up on every acquisition. */
  static ValueType<List<String>> mdcKeys(int max) {
    Pattern mdcKey = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    return new NameList(max, k -> mdcKey.matcher(k).matches(), "is not an MDC key", "use up to " + max
        + " comma-separated MDC keys (letters, digits, '_', '.', '-'), such as trace_id,span_id, or nothing to turn it off");
  }

  private static final ValueType<Boolean> FLAG = new ValueType<>() {
    @Override
    Boolean parse(String key, String text, String origin) {
      String t = text.trim();
      if (t.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (t.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
      throw LeashConfigException.badValue(key, text, origin, "is not allowed; use true or false");
    }

    @Override
    Boolean check(String key, Boolean value, String origin) {
      return value;
    }

    @Override
    String format(Boolean value) {
      return value.toString();
    }

    @Override
    String typeName() {
      return "java.lang.Boolean";
    }
  };

  private static final class DurationType extends ValueType<Duration> {
    private static final Duration MAX = Duration.ofHours(24);
    private final Duration min;
    private final String range;

    DurationType(Duration min, String range) {
      this.min = min;
      this.range = range;
    }

    @Override
    Duration parse(String key, String text, String origin) {
      Duration d = DurationSyntax.parseOrNull(text);
      if (d == null) {
        throw LeashConfigException.badValue(key, text, origin, "is not a duration; " + DurationSyntax.ALLOWED);
      }
      return inRange(key, d, text, origin);
    }

    @Override
    Duration check(String key, Duration value, String origin) {
      return inRange(key, value, value.toString(), origin);
    }

    private Duration inRange(String key, Duration d, String asWritten, String origin) {
      if (d.compareTo(min) < 0 || d.compareTo(MAX) > 0) {
        throw LeashConfigException.badValue(key, asWritten, origin,
            "is not allowed; use a duration " + range + ", such as 250ms, 30s, 5m or PT30S");
      }
      return d;
    }

    @Override
    String format(Duration value) {
      return DurationSyntax.format(value);
    }

    @Override
    String typeName() {
      return "java.time.Duration";
    }
  }

  private static final class WholeNumber extends ValueType<Integer> {
    private final int max;

    WholeNumber(int max) {
      this.max = max;
    }

    @Override
    Integer parse(String key, String text, String origin) {
      String t = text.trim();
      if (t.matches("\\d{1,4}")) {
        int n = Integer.parseInt(t);
        if (n <= max) {
          return n;
        }
      }
      throw notAllowed(key, text, origin);
    }

    @Override
    Integer check(String key, Integer value, String origin) {
      if (value < 0 || value > max) {
        throw notAllowed(key, value.toString(), origin);
      }
      return value;
    }

    private LeashConfigException notAllowed(String key, String asWritten, String origin) {
      return LeashConfigException.badValue(key, asWritten, origin, "is not allowed; use a whole number from 0 to " + max);
    }

    @Override
    String format(Integer value) {
      return value.toString();
    }

    @Override
    String typeName() {
      return "java.lang.Integer";
    }
  }

  /** Comma-separated names, trimmed, duplicates dropped in order; empty text is the empty list. */
  private static final class NameList extends ValueType<List<String>> {
    private final int max;
    private final Predicate<String> valid;
    private final String invalid;
    private final String allowed;

    NameList(int max, Predicate<String> valid, String invalid, String allowed) {
      this.max = max;
      this.valid = valid;
      this.invalid = invalid;
      this.allowed = allowed;
    }

    @Override
    List<String> parse(String key, String text, String origin) {
      if (text.trim().isEmpty()) {
        return List.of();
      }
      Set<String> out = new LinkedHashSet<>();
      String[] parts = text.split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].trim();
        String problem = null;
        if (p.isEmpty()) {
          problem = "entry " + (i + 1) + " is empty";
        } else if (!valid.test(p)) {
          problem = "'" + p + "' " + invalid;
        }
        if (problem != null) {
          throw LeashConfigException.badValue(key, text, origin, "is not allowed: " + problem + "; " + allowed);
        }
        out.add(p);
      }
      if (out.size() > max) {
        throw LeashConfigException.badValue(key, text, origin, "is not allowed: " + out.size() + " keys; " + allowed);
      }
      return List.copyOf(out);
    }

    /** As if the user had written the entries comma-separated. */
    @Override
    List<String> check(String key, List<String> value, String origin) {
      return parse(key, String.join(",", value), origin);
    }

    @Override
    String format(List<String> value) {
      return String.join(",", value);
    }

    @Override
    String typeName() {
      return "java.util.List<java.lang.String>";
    }

    @Override
    boolean list() {
      return true;
    }
  }

  /** Java identifiers joined by single dots; one trailing dot is allowed ({@code com.acme.} stops at the package boundary). */
  private static boolean isPrefix(String p) {
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
}
