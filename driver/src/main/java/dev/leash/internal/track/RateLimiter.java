package dev.leash.internal.track;

import java.util.concurrent.atomic.AtomicLong;

/** At most one report per interval; counts what it suppressed so the next report can say so. */
final class RateLimiter {

  private final long intervalNanos;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  RateLimiter(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /**
   * {@code occasions} reasons to report at once (URL mode's failed waits of one look): at most one report
   * goes out and the rest count as suppressed. Returns what {@link #tryAcquire(long)} returns for the first.
   */
  long tryAcquire(long now, int occasions) {
    long first = tryAcquire(now);
    if (occasions > 1) {
      suppressed.addAndGet(occasions - 1);
    }
    return first;
  }

  /**
   * True if a report could go out at {@code now}; changes nothing. For callers that must do costly work to
   * decide whether they report at all, and do it only when the answer could be heard.
   */
  boolean wouldAllow(long now) {
    long next = nextAllowed.get();
    return next == Long.MIN_VALUE || now - next >= 0;
  }

  /** Returns the number suppressed since the last allowed report if this one may go out, else -1. */
  long tryAcquire(long now) {
    long next = nextAllowed.get();
    if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + intervalNanos)) {
      return suppressed.getAndSet(0);
    }
    suppressed.incrementAndGet();
    return -1;
  }
}
