package dev.leash.internal.track;

/**
 * Time source for lease tracking, injectable so that tests of thresholds never sleep (Caffeine's
 * {@code Ticker} idea).
 */
public interface Clock {

  /** The real clocks. */
  Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }
  };

  /** Monotonic time in nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock time in epoch milliseconds, for display. */
  long currentTimeMillis();
}
