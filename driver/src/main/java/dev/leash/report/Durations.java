package dev.leash.report;

import java.util.Locale;

/** Durations as people read them in a log line: {@code 850 ms}, {@code 31.2 s}, {@code 4.5 min}. */
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
}
