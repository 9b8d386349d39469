package dev.leash.internal.track;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Recent demand on one pool, in six ten-second buckets (one minute): the peak of connections in use
 * plus threads waiting, the number of leases that ended, and their total hold time. Enough for the
 * {@code pool_too_small} diagnosis: peak demand, acquisition rate and mean hold time (Little's law).
 *
 * <p>Updates are lock-free; a bucket being recycled while another thread records into it may lose
 * that one sample, which only blurs a statistic that is approximate by nature.
 */
final class DemandWindow {

  static final int BUCKETS = 6;
  static final long BUCKET_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** The shortest span a rate is computed over: shorter ones are noise. */
  static final double MIN_SECONDS = 0.1;

  private final AtomicLongArray epoch = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray peak = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray ended = new AtomicLongArray(BUCKETS);
  private final AtomicLongArray heldNanos = new AtomicLongArray(BUCKETS);

  /** When this pool was first seen: before that there was no demand to measure, not zero demand. */
  private final long createdNanos;

  DemandWindow(long createdNanos) {
    this.createdNanos = createdNanos;
    this.lastEndedNanos = createdNanos;
    for (int i = 0; i < BUCKETS; i++) {
      epoch.set(i, Long.MIN_VALUE);
    }
  }

  /**
   * True if a lease of this pool ended after {@code since}: connections turned over. A pool whose holders have
   * returned nothing through a whole wait is not short of short-lived connections (not yet, at least).
   */
  boolean endedSince(long since) {
    return (long) LAST_ENDED.getOpaque(this) - since > 0;
  }

  /** Records that {@code demand} connections were wanted at once (in use + waiting). */
  void demand(long now, int demand) {
    int i = bucket(now);
    long p;
    while ((p = peak.get(i)) < demand && !peak.compareAndSet(i, p, demand)) {
      // retry: another thread raised the peak meanwhile
    }
  }

  /**
   * The mean hold of leases that ended while no thread waited for the pool (a moving average, lossy under races),
   * or -1 before one has: the usual hold before trouble. A long incident does not drag it up, as it drags up the
   * one-minute mean: its leases end while threads wait.
   */
  private long calmHoldNanos = -1;

  /** When the latest lease ended (the clock's nanoseconds), or {@link #createdNanos} before one has. */
  private long lastEndedNanos;

  private static final VarHandle CALM_HOLD;
  private static final VarHandle LAST_ENDED;

  static {
    try {
      CALM_HOLD = MethodHandles.lookup().findVarHandle(DemandWindow.class, "calmHoldNanos", long.class);
      LAST_ENDED = MethodHandles.lookup().findVarHandle(DemandWindow.class, "lastEndedNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Records a lease that ended after {@code held} nanoseconds; {@code calm}: no thread was waiting for the pool. */
  void ended(long now, long held, boolean calm) {
    int i = bucket(now);
    ended.incrementAndGet(i);
    heldNanos.addAndGet(i, held);
    LAST_ENDED.setOpaque(this, now); // opaque for the same reason as the calm hold below: read only by reports
    if (calm) {
      // Opaque, not volatile: the average is lossy under races anyway, and a volatile write is a full fence on
      // every return of the pool's connections. Opaque still never tears the long and is seen by the reports.
      long m = (long) CALM_HOLD.getOpaque(this);
      CALM_HOLD.setOpaque(this, m < 0 ? held : m + (held - m) / 8);
    }
  }

  private int bucket(long now) {
    long e = Math.floorDiv(now, BUCKET_NANOS);
    int i = (int) Math.floorMod(e, (long) BUCKETS);
    long seen = epoch.get(i);
    if (seen != e && epoch.compareAndSet(i, seen, e)) {
      peak.set(i, 0);
      ended.set(i, 0);
      heldNanos.set(i, 0);
    }
    return i;
  }

  /** A consistent-enough view of the last minute. */
  Snapshot snapshot(long now) {
    long current = Math.floorDiv(now, BUCKET_NANOS);
    long maxPeak = 0;
    long count = 0;
    long held = 0;
    long oldest = current;
    for (int i = 0; i < BUCKETS; i++) {
      long e = epoch.get(i);
      if (e != Long.MIN_VALUE && current - e < BUCKETS) {
        maxPeak = Math.max(maxPeak, peak.get(i));
        count += ended.get(i);
        held += heldNanos.get(i);
        oldest = Math.min(oldest, e);
      }
    }
    // Seconds covered: full buckets before the current one, plus the elapsed part of the current one, but
    // never more than the pool has been watched (a burst in its first second is not spread over ten).
    double seconds = (current - oldest) * (BUCKET_NANOS / 1e9) + Math.floorMod(now, BUCKET_NANOS) / 1e9;
    seconds = Math.min(seconds, (now - createdNanos) / 1e9);
    long calm = (long) CALM_HOLD.getOpaque(this);
    return new Snapshot((int) maxPeak, count, held, Math.max(seconds, MIN_SECONDS), calm < 0 ? -1 : calm / 1e6);
  }

  /** Peak demand, ended leases and their hold time over {@code seconds}. */
  static final class Snapshot {
    final int peakDemand;
    final long endedCount;
    final long heldNanosTotal;
    final double seconds;
    /** The usual hold before trouble ({@link DemandWindow#calmHoldNanos}), in milliseconds; -1 if not known. */
    final double calmHoldMillis;

    Snapshot(int peakDemand, long endedCount, long heldNanosTotal, double seconds) {
      this(peakDemand, endedCount, heldNanosTotal, seconds, -1);
    }

    Snapshot(int peakDemand, long endedCount, long heldNanosTotal, double seconds, double calmHoldMillis) {
      this.peakDemand = peakDemand;
      this.endedCount = endedCount;
      this.heldNanosTotal = heldNanosTotal;
      this.seconds = seconds;
      this.calmHoldMillis = calmHoldMillis;
    }

    /**
     * The hold a statement is compared with to call it slow: the lower of the calm hold and the one-minute mean
     * (-1 if neither is known). The calm hold keeps a database that has been slow for over a minute from looking
     * usual; the mean keeps a calm hold from long ago (class loading in the first leases) from hiding slowness.
     */
    double usualHoldMillis() {
      double mean = meanHoldMillis();
      if (calmHoldMillis < 0) {
        return mean;
      }
      return mean < 0 ? calmHoldMillis : Math.min(calmHoldMillis, mean);
    }

    /** Mean hold time in milliseconds, or -1 with no ended lease in the window. */
    double meanHoldMillis() {
      return endedCount == 0 ? -1 : heldNanosTotal / 1e6 / endedCount;
    }

    /** Acquisitions (ended leases) per second. */
    double ratePerSecond() {
      return endedCount / seconds;
    }
  }
}
