package dev.leash.report;

import dev.leash.internal.util.FrameText;
import java.util.Map;

/** How a report writes a stack frame and a request context. */
final class Frames {
  private Frames() {}

  /**
   * {@code Class.method(File.java:line)}, without the module and class-loader decorations of
   * {@link StackTraceElement#toString()}: the form of every site Leash names.
   */
  static String format(StackTraceElement e) {
    return FrameText.of(e);
  }

  /** {@code trace_id=4bf92f35... span_id=00f067aa...}: the form every report about a lease ends with; empty for none. */
  static String context(Map<String, String> context) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : context.entrySet()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }
}
