package dev.leash.internal.util;

/**
 * The one written form of a stack frame, shared by the stack capture (sites, paths) and the report
 * wording, so that a site in a log line and the same frame in a holders report read alike.
 */
public final class FrameText {
  private FrameText() {}

  /**
   * {@code Class.method(File.java:line)}, without the module and class-loader decorations of
   * {@link StackTraceElement#toString()}: the form of every site Leash names.
   */
  public static String of(StackTraceElement e) {
    StringBuilder b = new StringBuilder(96).append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
    if (e.isNativeMethod()) {
      b.append("Native Method");
    } else if (e.getFileName() == null) {
      b.append("Unknown Source");
    } else {
      b.append(e.getFileName());
      if (e.getLineNumber() >= 0) {
        b.append(':').append(e.getLineNumber());
      }
    }
    return b.append(')').toString();
  }
}
