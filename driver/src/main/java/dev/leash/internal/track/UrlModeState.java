package dev.leash.internal.track;

import dev.leash.internal.util.MethodNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * URL mode's part of a {@link Pool}: a pool that opens its connections through a {@code jdbc:leash:} URL, seen
 * from the driver. Created by {@link Pool#urlMode} and held only by its pool.
 *
 * <p>The pool's {@code getConnection()} never reaches the driver, so Leash cannot count waiting threads
 * the way it does for {@code LeashDataSource} and the agent. What it can see: the physical connections the
 * pool opened (and failed to open), and the borrow-level leases it infers. When every physical connection
 * is leased, or the latest connect failed, the pool may be dry; only then does the watchdog look at the
 * threads ({@link PoolWaitSampler}) for ones inside the pool's acquisition method, and remember since when
 * it has seen each one there.
 */
final class UrlModeState {

  /** A connect failure counts as the pool's current state for this long after it, unless a connect succeeded since. */
  private static final long CONNECT_FAILURE_RELEVANCE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Pool pool;
  private final String acquireDescription;
  private final List<String> acquireMethods;
  private final AtomicInteger physical = new AtomicInteger();
  /** Connects in progress, and when the earliest of the current run of them started. */
  private final AtomicInteger connecting = new AtomicInteger();
  private volatile long connectingSince;
  /** Whether the latest connect that ended failed, when, and why. */
  private volatile boolean latestConnectFailed;
  private volatile long lastConnectFailed;
  private volatile String lastConnectFailure;
  /** When the latest successful connect ended. */
  private volatile long lastConnected;
  private volatile boolean everConnected;

  /**
   * Create times of connections opened while the pool's name was provisional: reported once the pool's
   * name is known (or at its first lease), so that no meter is ever made under a stand-in name. Bounded.
   */
  private final java.util.ArrayList<Long> pendingCreates = new java.util.ArrayList<>();
  /** Whether {@link #pendingCreates} may hold any: read on every inferred borrow, so no lock there. */
  private volatile boolean createsPending;

  /** Connections the pool ever opened: a new one can be handed to a waiter. */
  private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
  // Watchdog thread only, from here on.
  private boolean lookedWhileDry;
  private long activityAtLastLook;
  private long openedAtLastLook;
  private boolean fullAtLastLook;
  /** Shorter inferred failed waits are not counted: see {@link #minFailedWait()}. */
  private long minFailedWait;
  private int failedWaits;
  private long longestFailedWait;
  private long longestFailedThread = -1;
  /** Watchdog thread only: thread id → {when the watchdog first saw it waiting in this wait, its JVM wait count then}. */
  private Map<Long, long[]> waitingSince = new HashMap<>();

  /**
   * @param acquireDescription what the waiting threads are inside of, for reports ({@code HikariCP getConnection()})
   * @param acquireMethods {@code Class.method} names of the pool's acquisition methods
   */
  UrlModeState(Pool pool, String acquireDescription, List<String> acquireMethods) {
    this.pool = pool;
    this.acquireDescription = acquireDescription;
    this.acquireMethods = List.copyOf(acquireMethods);
    // Set only where the watchdog samples this pool (leash.pool.wait on): see minFailedWait().
    if (pool.config().poolWaitEnabled()) {
      this.minFailedWait = Math.min(pool.config().poolWaitThreshold().toNanos(), TimeUnit.MILLISECONDS.toNanos(250));
    }
  }

  String acquireDescription() {
    return acquireDescription;
  }

  /** The pool opened a physical connection through the driver. */
  void connectionOpened() {
    physical.incrementAndGet();
    opened.incrementAndGet();
  }

  /** Every physical connection is leased (a connection handed out but not used yet is not). */
  boolean isFull() {
    return pool.openLeases() >= physicalConnections();
  }

  /** Connections the pool ever opened through the driver. */
  long openedCount() {
    return opened.get();
  }

  /**
   * A physical connection was opened in {@code createNanos}: reported now when the pool has its final name,
   * else kept (at most 64) until {@link #flushCreates}.
   */
  void connectionCreated(long createNanos) {
    if (pool.provisional()) {
      synchronized (pendingCreates) {
        if (pool.provisional()) {
          if (pendingCreates.size() < 64) {
            pendingCreates.add(createNanos);
            createsPending = true;
          }
          return;
        }
      }
    }
    flushCreates();
    pool.registry().connectionCreated(pool, createNanos);
  }

  /** Reports the create times kept while the name was provisional. */
  void flushCreates() {
    if (!createsPending) {
      return;
    }
    long[] pending;
    synchronized (pendingCreates) {
      createsPending = false;
      if (pendingCreates.isEmpty()) {
        return;
      }
      pending = new long[pendingCreates.size()];
      for (int i = 0; i < pending.length; i++) {
        pending[i] = pendingCreates.get(i);
      }
      pendingCreates.clear();
    }
    for (long nanos : pending) {
      pool.registry().connectionCreated(pool, nanos);
    }
  }

  /** The pool closed or aborted one of its physical connections. Call once per connection. */
  void connectionClosed() {
    physical.decrementAndGet();
  }

  void connectStarted(long now) {
    if (connecting.getAndIncrement() == 0) {
      connectingSince = now;
    }
  }

  /** A connect ended; {@code maskedFailure} (no secrets in it) is null if it succeeded. */
  void connectEnded(long now, String maskedFailure) {
    connecting.decrementAndGet();
    if (maskedFailure != null) {
      lastConnectFailure = maskedFailure;
      lastConnectFailed = now;
    }
    latestConnectFailed = maskedFailure != null;
    if (maskedFailure == null) {
      lastConnected = now;
      everConnected = true;
    }
  }

  /**
   * Whether the pool was still growing when its longest current wait began ({@code since}): it had opened
   * a connection less than {@code thresholdNanos} before. Its next connect may simply be late: on a busy
   * machine the pool's connection-adding thread can wait for a core longer than the wait threshold before it
   * even calls the driver, and until then nothing shows the pool is not at its maximum.
   */
  boolean grewJustBefore(long since, long thresholdNanos) {
    return everConnected && since - lastConnected < thresholdNanos;
  }

  /** How long the connects in progress have been trying (the earliest of them), or 0 if none. */
  long connectingNanos(long now) {
    return connecting.get() > 0 ? Math.max(0, now - connectingSince) : 0;
  }

  /** Physical connections the pool has open right now. */
  int physicalConnections() {
    return Math.max(0, physical.get());
  }

  /** The latest connect attempt failed, recently: the pool cannot grow. Its message, or null. */
  String currentConnectFailure(long now) {
    if (!latestConnectFailed || now - lastConnectFailed > CONNECT_FAILURE_RELEVANCE_NANOS) {
      return null;
    }
    return lastConnectFailure;
  }

  /**
   * Whether threads could be waiting for this pool right now: every physical connection is leased, the
   * pool is opening one, or it cannot open new ones. Cheap; decides whether the watchdog looks at threads at all.
   */
  boolean mayBeDry(long now) {
    int connections = physicalConnections();
    return (connections > 0 && pool.openLeases() >= connections) || connecting.get() > 0
        || currentConnectFailure(now) != null;
  }

  /** True if {@code className.methodName} is this pool's acquisition method. */
  boolean isAcquireFrame(String className, String methodName) {
    return MethodNames.contains(acquireMethods, className, methodName);
  }

  /** True if {@code stack} (top first) is inside this pool's acquisition method. */
  boolean isWaiting(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (isAcquireFrame(e.getClassName(), e.getMethodName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records which threads the watchdog saw waiting now; returns since when the longest-waiting of them
   * has been seen waiting, or {@code now} if none. Threads not seen this time are forgotten, so the map
   * never holds more than the threads waiting at once.
   *
   * <p>A thread that times out and asks again at once is inside the pool both times the watchdog looks,
   * parked at the same spot ({@code parkSpots}: a hash of its frames above the pool's method, 0 when it was
   * not parked); its JVM wait count ({@link java.lang.management.ThreadInfo#getWaitedCount()}, which counts every park)
   * tells the two waits apart. When it moved, the wait is counted from now: a wait may then be under-,
   * never over-estimated ("at least").
   *
   * <p>It also counts the waits that ended without a connection ({@link #failedWaits()}): if since the
   * previous look no lease started or ended anywhere ({@code leaseActivity}, the process's count of both,
   * did not move) and the pool opened no connection, the pool handed nothing out, so a waiter that left,
   * or parked anew, got none: its {@code getConnection()} failed (the pool's timeout). That is how URL mode
   * sees timeouts it cannot see. The counts are read before the threads are: {@code leaseActivity},
   * {@code openedBefore}, and whether every physical connection was leased ({@code full}, see {@link #isFull}). (A lease start counts because a connection opened before the previous
   * look may have been handed to the waiter after it; in URL mode that shows as the waiter's first use.)
   */
  long observed(long now, long[] threadIds, long[] waitedCounts, long[] parkSpots, int count, long leaseActivity, long openedBefore,
      boolean full) {
    return observed(now, threadIds, waitedCounts, parkSpots, count, leaseActivity, openedBefore, full, id -> false);
  }

  /**
   * As above; {@code leftInterrupted} says whether the thread with a given id has its interrupt status set now.
   * A waiter that left interrupted was interrupted out of its wait (the pools set the status again before they
   * throw), not timed out: the pool's timeout did not end it, so it is not counted as a failed wait. Without
   * this, a thread interrupted a few hundred milliseconds into its wait while the pool was full counted as the
   * pool timing out (FaultsTest in URL mode, once the watchdog looked often enough to see it wait that long).
   */
  long observed(long now, long[] threadIds, long[] waitedCounts, long[] parkSpots, int count, long leaseActivity, long openedBefore,
      boolean full, java.util.function.LongPredicate leftInterrupted) {
    // Every physical connection leased at both looks: none was lying in the pool, or handed to a waiter
    // whose first use (where URL mode sees a borrow) had not come yet. On a busy machine that first use
    // can come a tick after the handover, and the waiter's leaving looked like a timeout.
    boolean nothingFreed = lookedWhileDry && fullAtLastLook && full
        && leaseActivity == activityAtLastLook && openedBefore == openedAtLastLook;
    failedWaits = 0;
    longestFailedWait = 0;
    longestFailedThread = -1;
    Map<Long, long[]> next = new HashMap<>(Math.max(4, count * 2));
    long earliest = now;
    for (int i = 0; i < count; i++) {
      long[] seen = waitingSince.remove(threadIds[i]);
      // A new wait only if the thread was parked at the last look and is parked at the same spot again with a
      // moved count: seen running inside the pool (spinning, submitting the add-connection task, preempted on a
      // busy machine) and parked now is the first park of the same wait, as is moving from a lock to the queue.
      boolean newWait = seen != null && seen[1] != waitedCounts[i] && seen[2] != 0 && seen[2] == parkSpots[i];
      boolean sameWait = seen != null && !newWait;
      if (seen != null && !sameWait && nothingFreed && !leftInterrupted.test(threadIds[i])) {
        failed(now - seen[0], threadIds[i]);
      }
      long since = sameWait ? seen[0] : now;
      next.put(threadIds[i], new long[] {since, waitedCounts[i], parkSpots[i]});
      earliest = Math.min(earliest, since);
    }
    if (nothingFreed) {
      for (Map.Entry<Long, long[]> gone : waitingSince.entrySet()) {
        if (!leftInterrupted.test(gone.getKey())) {
          failed(now - gone.getValue()[0], gone.getKey());
        }
      }
    }
    waitingSince = next;
    lookedWhileDry = true;
    activityAtLastLook = leaseActivity;
    openedAtLastLook = openedBefore;
    fullAtLastLook = full;
    return earliest;
  }

  private void failed(long waitedAtLeast, long threadId) {
    if (waitedAtLeast < minFailedWait) {
      return;
    }
    failedWaits++;
    if (waitedAtLeast > longestFailedWait) {
      longestFailedWait = waitedAtLeast;
      longestFailedThread = threadId;
    }
  }

  /**
   * A wait that ended without a connection counts as the pool's timeout only if it was seen lasting at
   * least this long: {@code leash.pool.wait.threshold}, or 250 ms (HikariCP's shortest timeout) if that is
   * less. Shorter ones are more likely a handover Leash could not see (a connection handed to a waiter whose
   * first use comes later, a waiter woken and parked again) than a pool timing out that fast.
   */
  long minFailedWait() {
    return minFailedWait;
  }

  /** Waits that ended without a connection between the last two looks (see {@link #observed}). */
  int failedWaits() {
    return failedWaits;
  }

  /** The longest of those, at least. */
  long longestFailedWait() {
    return longestFailedWait;
  }

  /** The id of the thread whose wait that was, or -1. */
  long longestFailedThread() {
    return longestFailedThread;
  }

  /** When the watchdog first saw thread {@code id} waiting in its current wait, or {@code now}. */
  long waitingSince(long id, long now) {
    long[] seen = waitingSince.get(id);
    return seen == null ? now : seen[0];
  }

  /** The pool is not dry: forget earlier waiters. */
  void noWaiters() {
    lookedWhileDry = false;
    failedWaits = 0;
    if (!waitingSince.isEmpty()) {
      waitingSince = new HashMap<>();
    }
  }
}
