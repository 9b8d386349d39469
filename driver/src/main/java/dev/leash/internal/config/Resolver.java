package dev.leash.internal.config;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns sources, highest precedence first, into a {@link LeashConfig} over the keys' defaults: each value is
 * parsed by its {@link ConfigKey}; a key Leash does not know is a problem with a suggestion when a known key
 * is a few edits away.
 */
final class Resolver {

  private static final int MAX_SUGGESTION_DISTANCE = 3;

  private Resolver() {}

  /**
   * Resolves {@code sources}, highest precedence first, over the defaults.
   *
   * @param strict true to throw the first problem of any source (for tools and tests that want every
   *     mistake to be an error); false to throw only for {@linkplain Source#explicit() explicit} sources
   *     and collect the problems of the others, whose keys then keep their defaults
   * @throws LeashConfigException for a problem in an explicit source, or in any source when {@code strict}
   */
  static ConfigLoader.Result resolve(List<Source> sources, boolean strict) {
    LeashConfig.Builder b = LeashConfig.builder();
    List<LeashConfigException> problems = new ArrayList<>();
    Set<ConfigKey<?>> decided = new HashSet<>();
    for (Source s : sources) {
      boolean throwing = strict || s.explicit();
      if (s.unreadable() != null) {
        if (throwing) {
          throw s.unreadable();
        }
        problems.add(s.unreadable());
      }
      for (Map.Entry<String, String> e : s.values().entrySet()) {
        String key = e.getKey();
        ConfigKey<?> k = ConfigKey.named(key);
        try {
          if (k == null) {
            throw unknownKey(key, e.getValue(), s.origin(key));
          }
          // A rejected value still decides its key: the key keeps its default rather than a lower source's
          // value, so what Leash runs with is what the warning says.
          boolean effective = decided.add(k);
          set(b, k, e.getValue(), s.origin(key), effective);
        } catch (LeashConfigException ex) {
          if (throwing) {
            throw ex;
          }
          problems.add(ex);
        }
      }
    }
    return new ConfigLoader.Result(b.build(), problems);
  }

  /** Parses {@code text} (every value is checked, even one a higher source overrides) and sets it if {@code effective}. */
  private static <T> void set(LeashConfig.Builder b, ConfigKey<T> k, String text, String origin, boolean effective) {
    T value = k.parse(text, origin);
    if (effective) {
      b.set(k, value);
    }
  }

  /** {@code leash.leak.treshold: '5s' (system property) is not a known key; did you mean leash.leak.threshold? Known keys are ...}. */
  static LeashConfigException unknownKey(String key, String value, String origin) {
    StringBuilder m = new StringBuilder(key).append(": '").append(value).append('\'');
    if (origin != null) {
      m.append(" (").append(origin).append(')');
    }
    m.append(" is not a known key");
    String suggestion = suggest(key);
    if (suggestion != null) {
      m.append("; did you mean ").append(suggestion).append("? Known keys are ");
    } else {
      m.append("; known keys are ");
    }
    m.append(knownKeys());
    return new LeashConfigException(key, value, origin, m.toString(), suggestion);
  }

  static String knownKeys() {
    StringBuilder s = new StringBuilder();
    for (ConfigKey<?> k : ConfigKey.values()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(k.key());
    }
    return s.toString();
  }

  /** The known key closest to {@code key} (ignoring case), if a few edits away; or {@code key} with the prefix added, if that is known. */
  static String suggest(String key) {
    if (!key.startsWith(ConfigKey.PREFIX)) {
      ConfigKey<?> prefixed = ConfigKey.named(ConfigKey.PREFIX + key);
      if (prefixed != null) {
        return prefixed.key();
      }
    }
    String lower = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
    for (ConfigKey<?> k : ConfigKey.values()) {
      int d = editDistance(lower, k.key());
      if (d < bestDistance) {
        best = k.key();
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance (insert, delete, replace). */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(replace, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
