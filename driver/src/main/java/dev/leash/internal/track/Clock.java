package dev.leash.internal.track;

/**
 * Time source for lease tracking, injectable so that tests of thresholds never sleep (Caffeine's
 * {@code Ticker} idea).
 */
public interface Clock {

  /** The real clocks. */
  Clock SYSTEM = new SystemClock();

  /** Monotonic time in nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock time in epoch milliseconds, for display. */
  long currentTimeMillis();

  /**
   * The wall-clock time, in epoch milliseconds, at the monotonic instant {@code nanos} (a recent {@link #nanoTime()}
   * reading): when a lease started, for display, without a second clock read on the borrow path. This default reads
   * the wall clock now, which is what a test's clock means; {@link #SYSTEM} derives it from the monotonic reading.
   */
  default long millisAt(long nanos) {
    return currentTimeMillis();
  }

  /**
   * {@link System#nanoTime()} and {@link System#currentTimeMillis()}. {@link #millisAt} offsets the monotonic reading
   * from an anchor (one wall-clock reading with the monotonic time it was taken at) renewed once a second: each
   * clock read costs tens of nanoseconds on a virtual machine, a borrow at {@code leash.stack.depth=0} about a hundred
   * more than the pool's own, and a report's start time does not need a fresher wall clock than that.
   */
  final class SystemClock implements Clock {

    private static final long RENEW_NANOS = 1_000_000_000L;

    /** Immutable, so one volatile read gives a consistent pair. */
    private static final class Anchor {
      final long nanos;
      final long millis;

      Anchor(long nanos, long millis) {
        this.nanos = nanos;
        this.millis = millis;
      }
    }

    private volatile Anchor anchor = new Anchor(System.nanoTime(), System.currentTimeMillis());

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }

    /**
     * The wall time of a monotonic reading, from an anchor renewed at most a second apart (one clock read per
     * lease instead of two). Off by the step when the wall clock is stepped (NTP) within that second, and by the
     * time suspended when the machine resumes from a suspend within it (nanoTime does not advance while
     * suspended): a start time shown in a report, never a duration, which all come from nanoTime.
     */
    @Override
    public long millisAt(long nanos) {
      Anchor a = anchor;
      long since = nanos - a.nanos;
      if (since >= RENEW_NANOS || since <= -RENEW_NANOS) {
        // Renewed by whichever thread comes first after a second; a race makes two anchors, both right.
        a = new Anchor(System.nanoTime(), System.currentTimeMillis());
        anchor = a;
        since = nanos - a.nanos;
      }
      return a.millis + Math.floorDiv(since, 1_000_000L);
    }
  }
}
