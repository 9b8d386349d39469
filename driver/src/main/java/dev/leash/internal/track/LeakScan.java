package dev.leash.internal.track;

import dev.leash.event.LeakEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The watchdog's leak check: samples each open lease's activity counter to learn when it was last used,
 * and reports a lease once when it is older than its owner's leak threshold: busy in a statement
 * ({@code connection.held.busy}) or idle for at least the threshold ({@code connection.leak.suspected}).
 */
final class LeakScan implements PeriodicCheck {

  private final LeaseTable table;
  private final Listeners listeners;
  private final Consumer<Throwable> failed;
  private final LongAdder suspected = new LongAdder();

  /** @param failed told of a lease that could not be checked (reported once); the others still are */
  LeakScan(LeaseTable table, Listeners listeners, Consumer<Throwable> failed) {
    this.table = table;
    this.listeners = listeners;
    this.failed = failed;
  }

  @Override
  public void run(long now) {
    for (Lease lease : table.live()) {
      try {
        check(lease, now);
      } catch (RuntimeException e) {
        // One odd lease must not stop the others from being checked.
        failed.accept(e);
      }
    }
  }

  /** While a lease is open, the watchdog keeps ticking. */
  @Override
  public boolean wantsTicks(long now) {
    return !table.isEmpty();
  }

  long suspectedCount() {
    return suspected.sum();
  }

  private void check(Lease lease, long now) {
    int uses = lease.usesSample();
    if (uses != lease.lastSeenUses) {
      // Used since the last look (or, at the first look, since it started): when exactly is not known, so the
      // lease counts as active now. Counting from the start made a lease taken and used a moment before a
      // late first look (a busy machine, the watchdog waiting for a core) look idle all along.
      if (lease.lastSeenUses != -1 || uses != 0) {
        lease.lastActiveNanos = now;
      }
      lease.lastSeenUses = uses;
    }
    long threshold = lease.owner().leakThresholdNanos();
    long held = now - lease.startNanos();
    StackCapture capture = lease.owner().capture();
    capture.drainSamples();
    if (held >= StackCapture.RESOLVE_AFTER_NANOS) {
      // A held lease trades its raw record of the stack for the shared frames: bounded memory per open lease.
      lease.capturedStack().resolve();
    }
    if (held < threshold) {
      return;
    }
    if (lease.busy()) {
      lease.lastActiveNanos = now;
      if (lease.markIfOpen(Lease.BUSY_REPORTED)) {
        listeners.leak(new LeakEvent(LeakEvent.Kind.HELD_BUSY, lease, millis(held), 0, lease.liveThread() != null));
      }
      return;
    }
    long idle = now - lease.lastActiveNanos;
    if (idle >= threshold && lease.markIfOpen(Lease.SUSPECTED)) {
      suspected.increment();
      listeners.leak(new LeakEvent(LeakEvent.Kind.SUSPECTED, lease, millis(held), millis(idle), lease.liveThread() != null));
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
