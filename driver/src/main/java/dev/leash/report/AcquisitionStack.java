package dev.leash.report;

import java.util.List;

/**
 * The stack of a connection's acquisition, attached to leak log events as their throwable so every
 * logging backend prints it the way it prints exceptions. Never thrown.
 */
final class AcquisitionStack extends Throwable {
  private static final long serialVersionUID = 1L;

  AcquisitionStack(String threadName, List<StackTraceElement> stack) {
    super("Connection acquired here by thread " + threadName, null, false, true);
    setStackTrace(stack.toArray(new StackTraceElement[0]));
  }
}
