package dev.leash.internal.track;

/** Package-private state of the tracking classes, for the reliability tests in other packages. */
public final class TrackAccess {
  private TrackAccess() {}

  /** Distinct sites whose stacks {@code owner} has interned. */
  public static int internedSites(Pool owner) {
    return owner.capture().internedCount();
  }

  /** The bound of every stack intern table. */
  public static int maxInternedSites() {
    return StackCapture.MAX_INTERNED;
  }

  /** Lets a class-loader test shorten how long Leash's threads stay alive when idle; returns the old values. */
  public static long[] idleExit(long reporterIdleMillis, int watchdogIdleTicks) {
    long[] old = {ReportDispatcher.idleExitMillis, Watchdog.idleTicksBeforeExit};
    ReportDispatcher.idleExitMillis = reporterIdleMillis;
    Watchdog.idleTicksBeforeExit = watchdogIdleTicks;
    return old;
  }

  /** Reports every lease of {@code registry} whose holder was garbage-collected without close(), now. */
  public static void drainCollected(LeaseRegistry registry) {
    registry.drainCollected();
  }
}
