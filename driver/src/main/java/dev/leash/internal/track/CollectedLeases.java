package dev.leash.internal.track;

import dev.leash.event.LeakEvent;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The watchdog's GC drain: a lease whose holder the garbage collector cleared without {@code close()}
 * arrives on the table's reference queue and is reported as {@code connection.leak.confirmed}, with
 * whether its pool still counts the connection as in use. The watchdog waits on this queue between
 * ticks ({@link #await}), so the report comes within a tick of the collection.
 */
final class CollectedLeases implements PeriodicCheck {

  private final LeaseTable table;
  private final ReferenceQueue<Object> queue;
  private final Listeners listeners;
  private final Clock clock;
  private final LongAdder confirmed = new LongAdder();

  CollectedLeases(LeaseTable table, Listeners listeners, Clock clock) {
    this.table = table;
    this.queue = table.collectedQueue();
    this.listeners = listeners;
    this.clock = clock;
  }

  /** Waits up to {@code millis} for a collected lease; reports it and any others queued behind it. */
  void await(long millis) throws InterruptedException {
    Reference<?> ref = queue.remove(millis);
    if (ref != null) {
      confirm((Lease) ref);
      drain();
    }
  }

  /** Reports every lease whose holder was garbage-collected without close(). */
  void drain() {
    Reference<?> ref;
    while ((ref = queue.poll()) != null) {
      confirm((Lease) ref);
    }
  }

  @Override
  public void run(long now) {
    drain();
  }

  /**
   * Reports one collected lease if one is queued: true if there was one, so a stopping watchdog goes on
   * (more may follow it). Between ticks the watchdog reports them itself, so this is the stop's last look.
   * A lease that had ended before its holder was collected (leases are not cleared at their end) is passed
   * over: it is no reason to keep the watchdog.
   */
  @Override
  public boolean wantsTicks(long now) {
    Reference<?> ref;
    while ((ref = queue.poll()) != null) {
      if (confirm((Lease) ref)) {
        return true;
      }
    }
    return false;
  }

  long confirmedCount() {
    return confirmed.sum();
  }

  /** Reports {@code lease} as a confirmed leak unless it had ended; true if it was reported. */
  private boolean confirm(Lease lease) {
    int before = lease.markEnded(Lease.CONFIRMED);
    if (before < 0) {
      return false;
    }
    table.forgetLost(lease);
    confirmed.increment();
    long held = clock.nanoTime() - lease.startNanos();
    Pool owner = lease.owner();
    owner.leaseLost(lease);
    // Whether the pool lost the connection is the pool's to say: read its in-use count after the loss.
    LeakEvent.PoolState state = LeakEvent.PoolState.NOT_KNOWN;
    int inUse = -1;
    int leased = -1;
    if (owner.driverDirect()) {
      state = LeakEvent.PoolState.NO_POOL;
    } else if (owner.poolCountsKnown()) {
      inUse = owner.active();
      leased = owner.openLeases();
      if (inUse >= 0) {
        state = inUse > leased ? LeakEvent.PoolState.STILL_IN_USE : LeakEvent.PoolState.RECLAIMED;
      }
    }
    listeners.leak(new LeakEvent(LeakEvent.Kind.CONFIRMED, lease, TimeUnit.NANOSECONDS.toMillis(held), 0,
        lease.liveThread() != null, state, inUse, leased));
    return true;
  }
}
