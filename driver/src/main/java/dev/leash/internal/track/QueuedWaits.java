package dev.leash.internal.track;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The acquisitions of one pool that are queued behind connections in use right now, with when each began
 * (wrapped and agent modes). The watchdog reads them to report a dry pool while its threads still wait:
 * HikariCP's default timeout is 30 s, and the outage should not wait that long for its first report.
 *
 * <p>Only a thread that queued (demand above the pool's maximum) takes a slot, so a pool with room never
 * touches this. Slots are fixed: waiters beyond them are still counted by {@link PoolMonitor#waiting()},
 * only not timed, and the longest of the timed waits is what a report needs.
 */
final class QueuedWaits {

  /** Slot numbers travel in an acquisition's ticket, as slot + 1 (see {@link AcquireTicket#MAX_SLOTS}). */
  static final int SLOTS = 64;
  private static final int PROBES = 8;
  /** Set in a slot's start once the wait was counted as a report occasion. */
  private static final long COUNTED = AcquireTicket.FREE_BIT;

  static {
    if (SLOTS > AcquireTicket.MAX_SLOTS) {
      throw new AssertionError("more slots than a ticket can carry");
    }
  }

  /** Start time per slot, its low bits clear except {@link #COUNTED}; 0 for a free slot. */
  private final AtomicLongArray starts = new AtomicLongArray(SLOTS);
  private final AtomicReferenceArray<Thread> threads = new AtomicReferenceArray<>(SLOTS);

  /**
   * Takes a slot for {@code thread}'s wait since {@code start} (from {@link AcquireTicket#startBits}: never 0,
   * its low bits clear); returns the slot's number plus one, or 0 if none was free.
   */
  int enter(long start, Thread thread) {
    long value = start;
    int first = (int) (thread.getId() * 0x9E3779B97F4A7C15L >>> 58); // spread thread ids over the 64 slots
    for (int i = 0; i < PROBES; i++) {
      int s = (first + i) & (SLOTS - 1);
      if (starts.get(s) == 0 && starts.compareAndSet(s, 0, value)) {
        threads.set(s, thread);
        return s + 1;
      }
    }
    return 0;
  }

  /** Frees slot {@code slotPlusOne - 1}; true if its wait was already counted (see {@link #count}). */
  boolean leave(int slotPlusOne) {
    if (slotPlusOne == 0) {
      return false;
    }
    int s = slotPlusOne - 1;
    threads.set(s, null);
    return (starts.getAndSet(s, 0) & COUNTED) != 0;
  }

  /**
   * The longest wait that began at or before {@code cutoff} and was not counted yet, or null. Not marked:
   * the caller {@linkplain #count counts} it once it decides to report it, so a wait it holds back is seen again.
   */
  Waiter longest(long cutoff) {
    int best = -1;
    long bestStart = 0;
    for (int s = 0; s < SLOTS; s++) {
      long v = starts.get(s);
      if (v != 0 && (v & COUNTED) == 0 && v - cutoff <= 0 && (best < 0 || v - bestStart < 0)) {
        best = s;
        bestStart = v;
      }
    }
    if (best < 0) {
      return null;
    }
    Thread t = threads.get(best);
    return t == null ? null : new Waiter(t, bestStart, best); // null: only now entering, the next look sees it
  }

  /**
   * Marks {@code w}'s wait counted (so that its end is not counted again); false if it ended meanwhile (its
   * slot then holds another wait, or none), and then its end is what counts.
   */
  boolean count(Waiter w) {
    return starts.compareAndSet(w.slot, w.start, w.start | COUNTED);
  }

  /** A waiting thread and when its wait began. */
  static final class Waiter {
    final Thread thread;
    final long start;
    final int slot;

    Waiter(Thread thread, long start, int slot) {
      this.thread = thread;
      this.start = start;
      this.slot = slot;
    }
  }
}
