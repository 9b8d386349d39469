package dev.leash.examples;

import java.time.Duration;
import java.util.Locale;

/** The shop's side of the story, on standard output between Leash's log lines: {@code [shop] ...}. */
final class Story {

  private Story() {}

  static void say(String line) {
    System.out.println("[shop] " + line);
    System.out.flush();
  }

  static void say(String format, Object... args) {
    say(String.format(Locale.ROOT, format, args));
  }

  /** {@code 6 s}, {@code 1.5 s}, {@code 500 ms}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
