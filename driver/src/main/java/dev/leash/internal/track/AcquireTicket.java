package dev.leash.internal.track;

/**
 * The layout of an acquisition ticket: one {@code long} carries an acquisition from its start to its end, so
 * that no call allocates. The start time with its low 9 bits replaced by whether the thread queued (bit 0),
 * its {@link QueuedWaits} slot plus one (bits 1–7) and whether it already held a connection of this pool
 * (bit 8, so the end need not check again). The start loses 512 ns of precision; waits that matter are
 * milliseconds. Never 0, which the callers reserve for "not measured".
 *
 * <p>The one owner of these bits: {@link PoolMonitor} makes and reads tickets, {@link QueuedWaits} stores
 * {@link #startBits} and marks them with {@link #FREE_BIT}.
 */
final class AcquireTicket {

  private static final long FLAG_BITS = 0x1FFL;
  private static final long HOLDING_BIT = 0x100L;
  /** Slot numbers travel in 7 bits, as slot + 1: at most this many slots. */
  static final int MAX_SLOTS = 0x7F;
  /** A bit that {@link #startBits} always leaves clear, for whoever stores a start to mark it. */
  static final long FREE_BIT = 1L;

  private AcquireTicket() {
  }

  static long of(long start, boolean queued, int slotPlusOne, boolean holding) {
    return start | (holding ? HOLDING_BIT : 0) | ((long) slotPlusOne << 1) | (queued ? 1L : 0L);
  }

  /** A start time as a ticket (and a queued-wait slot) keeps it: the flag bits cleared, never 0. */
  static long startBits(long nanos) {
    long s = nanos & ~FLAG_BITS;
    return s == 0 ? FLAG_BITS + 1 : s;
  }

  static long startOf(long ticket) {
    return ticket & ~FLAG_BITS;
  }

  /** Whether the thread already held a connection of this pool, in a method still running, as it asked. */
  static boolean holding(long ticket) {
    return (ticket & HOLDING_BIT) != 0;
  }

  static int slotOf(long ticket) {
    return (int) (ticket >>> 1) & MAX_SLOTS;
  }

  /**
   * Whether the thread queued behind connections in use: connections leased plus threads waiting (itself
   * included) were more than the pool may open. Otherwise the pool had room for it, and a slow wait was
   * the pool opening a connection (growing), not the pool running dry.
   */
  static boolean queued(long ticket) {
    return (ticket & 1L) != 0;
  }
}
