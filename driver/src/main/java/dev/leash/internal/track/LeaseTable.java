package dev.leash.internal.track;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The open leases of the process: the set the watchdog scans, the index of connection objects Leash did
 * not wrap (the agent's), each thread's own leases (for nested acquisitions), and the counts of leases
 * started, ended and dropped. Bounded by {@code maxOpenLeases}. Says nothing to listeners: the registry
 * does, around the calls here.
 */
final class LeaseTable {

  private final Clock clock;
  private final int maxOpenLeases;
  private final ConcurrentHashMap<Lease, Boolean> open = new ConcurrentHashMap<>();
  /** Connection object → its open lease, for connections Leash did not wrap (the agent's). */
  private final WeakIdentityMap<Lease> byHolder = new WeakIdentityMap<>();
  /** Where a lease goes when the garbage collector clears its holder: see {@link CollectedLeases}. */
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  /** The last lease id given: ids count from 1 and only stored leases take one, so this is also the leases started. */
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder released = new LongAdder();
  /** Leases not stored because {@link #maxOpenLeases} were open. */
  private final LongAdder dropped = new LongAdder();

  /**
   * The leases each thread took and may still hold, so a second acquisition from the same pool is seen
   * as nested. Only the owning thread changes its list; leases ended elsewhere are pruned lazily. An
   * emptied list stays in place: removing and re-creating it made every borrow/return cycle allocate a
   * list, its array and a thread-local entry, and an empty ArrayList of weak references pins nothing.
   *
   * <p>The list holds the leases weakly: a lease ended on another thread (closed there, confirmed by
   * the watchdog, discarded by the pool) may sit in a container worker thread's list until that thread
   * takes a connection again, and a strong reference there would pin the web application's class
   * loader through Lease → Pool after a redeploy. Open leases stay reachable from {@link #open}.
   */
  private final ThreadLocal<ArrayList<WeakReference<Lease>>> heldByThread = new ThreadLocal<>();

  /**
   * Each thread's weak reference to itself, for the leases it takes ({@link Lease#liveThread()}): made once per thread,
   * not per lease. A JDK type only, so a container's worker thread never pins Leash's class loader through it.
   */
  private static final ThreadLocal<WeakReference<Thread>> THIS_THREAD =
      ThreadLocal.withInitial(() -> new WeakReference<>(Thread.currentThread()));

  /** Reads the application's MDC on the acquiring thread (key → value); null: leases carry no context. */
  private volatile UnaryOperator<String> mdc;

  LeaseTable(Clock clock, int maxOpenLeases) {
    this.clock = clock;
    this.maxOpenLeases = maxOpenLeases;
  }

  int maxOpenLeases() {
    return maxOpenLeases;
  }

  ReferenceQueue<Object> collectedQueue() {
    return collected;
  }

  void contextSource(UnaryOperator<String> mdcReader) {
    this.mdc = mdcReader;
  }

  /**
   * Stores a new lease of {@code pool}, or, past {@link #maxOpenLeases}, returns an untracked one (check
   * {@link Lease#tracked()}): a lease object the hooks can use like any other, but not stored, not weakly
   * watched, not in the thread's held list and not in the counters, so it costs nothing once dropped. The
   * race between the size check and the insert can overshoot the bound by a few leases; harmless.
   *
   * @param startNanos the clock's reading when the connection was handed out
   */
  Lease start(Pool pool, Object holder, CapturedStack captured, long startNanos) {
    if (open.size() >= maxOpenLeases) {
      dropped.increment();
      return new Lease(-1, pool, null, null, startNanos, clock.millisAt(startNanos), THIS_THREAD.get(),
          CapturedStack.NONE, false, null, clock);
    }
    CapturedStack stack = captured != null ? captured : pool.capture().capture();
    Lease lease = new Lease(ids.incrementAndGet(), pool, holder, collected, startNanos,
        clock.millisAt(startNanos), THIS_THREAD.get(), stack, true, LeaseContext.capture(pool.contextKeys(), mdc), clock);
    open.put(lease, Boolean.TRUE);
    if (stack != CapturedStack.NONE) {
      rememberHeld(lease);
    }
    pool.leaseStarted();
    return lease;
  }

  /** The open lease already indexed for {@code connection} (see {@link #index}), or null. */
  Lease leaseOf(Object connection) {
    return byHolder.get(connection);
  }

  /** Indexes a tracked lease by the connection object Leash did not wrap, so {@link #leaseOf} finds it. */
  void index(Object connection, Lease lease) {
    lease.indexKey = byHolder.put(connection, lease);
  }

  /**
   * Ends {@code lease} in the table; returns its state flags before, or a negative value if it had ended
   * already or was never tracked (then nothing changed here).
   */
  int end(Lease lease) {
    int before = lease.markEnded(0);
    if (before < 0 || !lease.tracked()) {
      return -1;
    }
    // Not lease.clear(): on JDK 16+ that is a call into the VM, a tenth of a depth-0 borrow. An ended lease is
    // unreachable with its holder in the usual case, so the collector never queues it; one that something still holds
    // may be queued when its holder goes, and CollectedLeases ignores it (markEnded says it ended).
    open.remove(lease);
    unindex(lease);
    if (lease.capturedStack() != CapturedStack.NONE) {
      forgetHeld(lease);
    }
    released.increment();
    return before;
  }

  /** Drops a lease the watchdog confirmed lost (its holder was collected): not a release. */
  void forgetLost(Lease lease) {
    open.remove(lease);
    unindex(lease);
  }

  private void unindex(Lease lease) {
    Object key = lease.indexKey;
    if (key != null) {
      byHolder.removeKey(key);
    }
  }

  /**
   * An open lease of {@code pool} that the calling thread took and still holds, or null. Leases without a stack
   * ({@code leash.stack.depth=0}, or a capture that failed) are not listed: the nested check asks whether the
   * invocation that took the held lease still runs, which only its site can tell, so it could never use them.
   */
  Lease heldByCurrentThread(Pool pool) {
    if (pool.capture().off()) {
      return null;
    }
    ArrayList<WeakReference<Lease>> held = heldByThread.get();
    if (held == null) {
      return null;
    }
    for (int i = held.size() - 1; i >= 0; i--) {
      Lease l = held.get(i).get();
      if (l == null || l.isEnded()) {
        held.remove(i);
      } else if (l.owner() == pool) {
        return l;
      }
    }
    return null;
  }

  private void rememberHeld(Lease lease) {
    ArrayList<WeakReference<Lease>> held = heldByThread.get();
    if (held == null) {
      held = new ArrayList<>(2);
      heldByThread.set(held);
    } else {
      held.removeIf(r -> {
        Lease l = r.get();
        return l == null || l.isEnded();
      });
    }
    held.add(new WeakReference<>(lease));
  }

  /** Usually the taking thread closes its own connection: drop it from that thread's list right away. */
  private void forgetHeld(Lease lease) {
    ArrayList<WeakReference<Lease>> held = heldByThread.get();
    if (held == null) {
      return;
    }
    for (int i = held.size() - 1; i >= 0; i--) {
      if (held.get(i).get() == lease) {
        held.remove(i);
        return;
      }
    }
  }

  /** Whether an open lease of {@code pool} was taken by a virtual thread (alive or not). */
  boolean hasVirtualHolder(Pool pool) {
    for (Lease l : open.keySet()) {
      if (l.owner() == pool && l.takenByVirtualThread()) {
        return true;
      }
    }
    return false;
  }

  /** The open leases, live (weakly consistent): for the watchdog's scan. */
  Iterable<Lease> live() {
    return open.keySet();
  }

  /** Open leases right now, in no particular order (a snapshot). */
  List<Lease> snapshot() {
    return new ArrayList<>(open.keySet());
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  int size() {
    return open.size();
  }

  long acquiredCount() {
    return ids.get();
  }

  long releasedCount() {
    return released.sum();
  }

  long droppedCount() {
    return dropped.sum();
  }
}
