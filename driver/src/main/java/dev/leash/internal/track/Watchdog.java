package dev.leash.internal.track;

import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.Once;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that checks what Leash watches: every tick it runs a list of {@link PeriodicCheck}s
 * (the leak scan, the URL-mode pool sampler, the queued waits), and between ticks it waits on the queue
 * of garbage-collected leases, so a connection collected without {@code close()} is reported within a
 * tick of the collection. No thread or task per lease.
 *
 * <p>The tick is a quarter of the smallest threshold in use (leak or pool wait), between 10 ms and 1 s.
 * The thread starts at the first demand (a lease, a queued wait, a URL-mode connect) and stops after
 * {@link #idleTicksBeforeExit} ticks in which no check wanted it, so an unused registry holds no thread.
 */
final class Watchdog {

  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Empty ticks before the watchdog thread exits. Package-private and mutable for class-loader tests only. */
  static volatile int idleTicksBeforeExit = 40;

  private final Clock clock;
  private final boolean enabled;
  private final CollectedLeases collected;
  private final List<PeriodicCheck> checks;
  private final DaemonThread thread = new DaemonThread("leash-watchdog", this::watch);
  private final Once failureReported = new Once();
  private volatile long tickNanos = MAX_TICK_NANOS;

  /**
   * @param enabled false in tests that drive the checks themselves: then no thread ever starts
   * @param collected what the thread waits on between ticks (it is among {@code checks} too)
   */
  Watchdog(Clock clock, boolean enabled, CollectedLeases collected, List<PeriodicCheck> checks) {
    this.clock = clock;
    this.enabled = enabled;
    this.collected = collected;
    this.checks = List.copyOf(checks);
  }

  /** Starts the thread unless it runs (or is off for a test): one volatile read when it runs. */
  void ensureRunning() {
    if (enabled) {
      thread.ensureRunning();
    }
  }

  /** Makes the tick at most {@code nanos} (within the bounds), so a threshold that short is checked in time. */
  void lowerTick(long nanos) {
    long wanted = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, nanos));
    if (wanted < tickNanos) {
      tickNanos = wanted;
    }
  }

  long tickNanos() {
    return tickNanos;
  }

  private void watch() {
    int idleTicks = 0;
    long nextScan = clock.nanoTime();
    long lastScan = nextScan;
    while (true) {
      try {
        // The tick may have been lowered since the last pass (a pool registered, a shorter threshold): the next
        // pass comes a new tick after the last one, not at the end of the old, longer one.
        if (lastScan + tickNanos - nextScan < 0) {
          nextScan = lastScan + tickNanos;
        }
        collected.await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextScan - clock.nanoTime())));
        if (clock.nanoTime() - nextScan >= 0) {
          lastScan = clock.nanoTime();
          for (PeriodicCheck c : checks) {
            runQuietly(c, lastScan);
          }
          nextScan = clock.nanoTime() + tickNanos;
          idleTicks = wanted() ? 0 : idleTicks + 1;
          if (idleTicks >= idleTicksBeforeExit) {
            if (thread.stopUnless(this::wanted)) {
              return;
            }
            idleTicks = 0;
          }
        }
      } catch (InterruptedException e) {
        thread.stopped();
        return;
      } catch (Throwable t) {
        failedOnce(t);
      }
    }
  }

  private boolean wanted() {
    long now = clock.nanoTime();
    for (PeriodicCheck c : checks) {
      if (c.wantsTicks(now)) {
        return true;
      }
    }
    return false;
  }

  /** One check failing must not keep the others from running. */
  private void runQuietly(PeriodicCheck check, long now) {
    try {
      check.run(now);
    } catch (Throwable e) {
      // Errors too: a check that throws one at every tick would otherwise skip the tick's bookkeeping and spin.
      failedOnce(e);
    }
  }

  void failedOnce(Throwable t) {
    if (failureReported.first()) {
      LastResort.print("internal error in the watchdog (reported once, tracking continues): " + t);
    }
  }
}
