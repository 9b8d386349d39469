package dev.leash.report;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Leash's reports on stderr, for an application without SLF4J (only the Java agent can be in such an
 * application). The same messages as {@link Slf4jReporter}, one line per event in a plain-log layout
 * ({@code 12:00:01.234 WARN  leash.leak - <message> event=... site=...}), the acquisition stack
 * printed below the line like an exception. Debug events (acquired/released) are not printed.
 */
final class StderrReporter extends LineSink {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private final PrintStream out;

  public StderrReporter() {
    this(System.err);
  }

  StderrReporter(PrintStream out) {
    this.out = out;
  }

  /**
   * {@code <time> <LEVEL> <logger> - <message> key=value key="text" ...}: words and numbers bare, text quoted,
   * what the message already says in full left out; the throwable printed below, as a logging backend does.
   */
  @Override
  void write(LogLine line) {
    StringBuilder b = new StringBuilder(256)
        .append(LocalTime.now().format(TIME)).append(' ')
        .append(String.format(Locale.ROOT, "%-5s", line.level)).append(' ')
        .append(line.logger).append(" - ").append(line.message);
    for (LogLine.KeyValue kv : line.keyValues) {
      if (kv.inMessage) {
        continue;
      }
      b.append(' ').append(kv.key).append('=');
      if (kv.word) {
        b.append(kv.value);
      } else {
        b.append('"').append(kv.value).append('"');
      }
    }
    // One print per event, so concurrent events do not interleave within a report.
    synchronized (out) {
      out.println(b);
      if (line.throwable != null) {
        line.throwable.printStackTrace(out);
      }
    }
  }
}
