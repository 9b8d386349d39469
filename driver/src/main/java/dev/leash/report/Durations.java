package dev.leash.report;

import java.util.Locale;

/** Durations as people read them in a report: {@code 850 ms}, {@code 31.2 s}, {@code 4.5 min}, {@code 2.1–4.3 s}. */
final class Durations {
  private Durations() {}

  static String human(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
  }

  /** {@code 2.1–4.3 s}, or a single value when both ends round the same. */
  static String range(long minMillis, long maxMillis) {
    String lo = human(minMillis);
    String hi = human(maxMillis);
    return lo.equals(hi) ? lo : stripUnit(lo, hi) + "–" + hi;
  }

  private static String stripUnit(String lo, String hi) {
    String loUnit = lo.substring(lo.indexOf(' '));
    String hiUnit = hi.substring(hi.indexOf(' '));
    return loUnit.equals(hiUnit) ? lo.substring(0, lo.indexOf(' ')) : lo;
  }
}
