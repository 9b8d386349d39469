package dev.leash.report;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.event.Level;

/**
 * Says once per logger, on stderr, that the application's logging configuration drops Leash's warnings:
 * a root logger at {@code ERROR} (common in test configurations) silences every leak warning, and a
 * report nobody can see is no report. Only WARN and ERROR events count: INFO and DEBUG ones are left to
 * the configuration without remark.
 */
final class SilencedLoggers {

  private final PrintStream stderr;
  private final Set<String> told = ConcurrentHashMap.newKeySet();

  SilencedLoggers(PrintStream stderr) {
    this.stderr = stderr;
  }

  /** Event {@code event} at {@code level} was not logged because logger {@code logger} is off at that level. */
  void once(String logger, Level level, String event) {
    if (level.toInt() < Level.WARN.toInt() || !told.add(logger)) {
      return;
    }
    // WARN, not the event's own level: the same logger's WARN reports are silenced too, or soon will be.
    stderr.println("leash: the application's logging configuration silences logger " + logger + " at " + level
        + ": Leash's " + event + " report was not logged; set logger " + logger + " to level WARN (or lower) to see"
        + " Leash's reports (said once)");
  }
}
