package dev.leash.benchmarks;

import java.util.Arrays;

/** Where a connection was taken: the first application frame and a bounded stack starting there. */
final class CapturedSite {

  static final CapturedSite UNKNOWN = new CapturedSite("?", "?", null, -1, new StackTraceElement[0]);

  final String className;
  final String methodName;
  final String fileName;
  final int lineNumber;
  /** Site first, then its callers; at most {@link CaptureStrategy#MAX_DEPTH}. Null if not captured. */
  final StackTraceElement[] stack;

  CapturedSite(
      String className, String methodName, String fileName, int lineNumber,
      StackTraceElement[] stack) {
    this.className = className;
    this.methodName = methodName;
    this.fileName = fileName;
    this.lineNumber = lineNumber;
    this.stack = stack;
  }

  static CapturedSite of(StackTraceElement site, StackTraceElement[] stack) {
    return new CapturedSite(
        site.getClassName(), site.getMethodName(), site.getFileName(), site.getLineNumber(), stack);
  }

  boolean sameSite(CapturedSite other) {
    return className.equals(other.className)
        && methodName.equals(other.methodName)
        && String.valueOf(fileName).equals(String.valueOf(other.fileName))
        && lineNumber == other.lineNumber;
  }

  @Override
  public String toString() {
    return className + "." + methodName + "(" + fileName + ":" + lineNumber + ") stack="
        + (stack == null ? "none" : stack.length + " frames" + Arrays.toString(
            Arrays.copyOf(stack, Math.min(2, stack.length))));
  }
}
