package dev.leash.internal.track;

import dev.leash.internal.util.Notice;
import dev.leash.internal.util.Once;
import dev.leash.event.LeakEvent;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Leash's tracking state for the process, and the one entry the driver, the wrapper and the agent's hooks
 * call: it starts and ends leases in the {@link LeaseTable}, tells the listeners, and keeps the
 * {@link Watchdog} running while there is something to watch. The watchdog's checks are the
 * {@link LeakScan}, the {@link CollectedLeases} drain, the URL-mode {@link PoolWaitSampler} and the
 * {@link QueuedWaitChecks}; reports leave application threads through the {@link ReportDispatcher}.
 */
public final class LeaseRegistry {

  /**
   * Default bound on stored open leases. Each open lease costs roughly 150 bytes (its stack is shared
   * per site), so the default bounds the registry near 15 MB even if an application leaks without end.
   */
  public static final int DEFAULT_MAX_OPEN_LEASES = 100_000;

  private final Clock clock;
  private final Listeners listeners = new Listeners();
  private final LastExhausted lastExhausted = new LastExhausted();
  private final LeaseTable leases;
  private final LeakScan leakScan;
  private final CollectedLeases collected;
  private final PoolWaitSampler waitSampler = new PoolWaitSampler(this);
  private final QueuedWaitChecks queuedWaits = new QueuedWaitChecks();
  private final Watchdog watchdog;
  private final TrackedPools pools = new TrackedPools();
  private final ReportDispatcher dispatcher = new ReportDispatcher();
  private final Once droppedNoticeSent = new Once();
  private final Once startedReported = new Once();
  private final ConcurrentHashMap<String, Boolean> noticesSent = new ConcurrentHashMap<>();

  /**
   * @param watchdogEnabled false in tests that drive {@link #scan()} and {@link #drainCollected()} themselves
   */
  public LeaseRegistry(Clock clock, boolean watchdogEnabled) {
    this(clock, watchdogEnabled, DEFAULT_MAX_OPEN_LEASES);
  }

  /**
   * @param maxOpenLeases how many open leases are stored at most; past it, new leases are counted in
   *     {@link #droppedLeases()} but neither stored nor checked, so a runaway leak cannot exhaust the heap.
   *     Not a {@code leash.} key on purpose: the default is far above any real pool, and the key table is
   *     the user-facing contract.
   */
  public LeaseRegistry(Clock clock, boolean watchdogEnabled, int maxOpenLeases) {
    if (maxOpenLeases < 1) {
      throw new IllegalArgumentException("maxOpenLeases must be positive: " + maxOpenLeases);
    }
    this.clock = clock;
    this.leases = new LeaseTable(clock, maxOpenLeases);
    this.leakScan = new LeakScan(leases, listeners, t -> watchdog().failedOnce(t));
    this.collected = new CollectedLeases(leases, listeners, clock);
    this.watchdog = new Watchdog(clock, watchdogEnabled, collected,
        List.of(leakScan, collected, waitSampler, queuedWaits));
  }

  private Watchdog watchdog() {
    return watchdog;
  }

  public Listeners listeners() {
    return listeners;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Delivers a pool event to the listeners, keeping the last {@code pool.exhausted} of each pool for
   * snapshots. On the reporting thread; never on the path of a borrow (which is why the snapshot's memory
   * is not a listener: every listener costs a call per borrow and return).
   */
  void reportPool(PoolEvent event) {
    lastExhausted.pool(event);
    listeners.pool(event);
  }

  /** The last {@code pool.exhausted} of {@code pool} and when it was reported, or null. */
  LastExhausted.Entry lastExhausted(String pool) {
    return lastExhausted.of(pool);
  }

  /** Emits {@code leash.started} the first time it is called; later calls do nothing. */
  public void reportStartedOnce(StartedEvent event) {
    if (startedReported.first()) {
      listeners.started(event);
    }
  }

  /** Sends a notice the first time {@code onceKey} is seen; bounded by the few distinct keys Leash uses. */
  public void noticeOnce(String onceKey, Notice notice) {
    if (noticesSent.size() < 1024 && noticesSent.putIfAbsent(onceKey, Boolean.TRUE) == null) {
      listeners.notice(notice);
    }
  }

  /** Sets the reader of the application's MDC that {@code leash.context.keys} are read through at each acquisition. */
  public void contextSource(UnaryOperator<String> mdcReader) {
    leases.contextSource(mdcReader);
  }

  /** Reports an ambient configuration problem (the caller reports each one once per process). */
  public void configRejected(dev.leash.event.ConfigProblem problem) {
    listeners.configRejected(problem);
  }

  /**
   * Starts a lease for a connection handed to application code, capturing the calling thread's stack.
   *
   * @param holder the object the application holds (weakly referenced: collected without close = leak);
   *     null when the holder cannot be known
   */
  public Lease start(Pool pool, Object holder) {
    return start(pool, holder, null);
  }

  /**
   * Starts a lease whose acquisition stack the caller may already have captured (null: capture here).
   * Capturing as close to the application's frame as possible is cheaper: the walk costs per frame it passes.
   */
  public Lease start(Pool pool, Object holder, CapturedStack captured) {
    return start(pool, holder, captured, 0);
  }

  /**
   * As {@link #start(Pool, Object, CapturedStack)}, at {@code startNanos}: this registry's
   * {@link #clock()} read when the pool handed the connection out, which a caller that timed the pool's
   * {@code getConnection()} has read already ({@link Pool#acquireSucceeded}); 0 reads the clock here.
   * One clock read fewer per borrow: at {@code leash.stack.depth=0} clock reads are much of what a borrow costs.
   */
  public Lease start(Pool pool, Object holder, CapturedStack captured, long startNanos) {
    Lease lease = leases.start(pool, holder, captured, startNanos != 0 ? startNanos : clock.nanoTime());
    if (!lease.tracked()) {
      if (droppedNoticeSent.first()) {
        listeners.notice(Notice.leasesDropped(leases.maxOpenLeases()));
      }
      return lease;
    }
    if (!pool.listed) {
      pools.add(pool);
    }
    watchdog.lowerTick(pool.leakThresholdNanos() / 4);
    watchdog.ensureRunning();
    listeners.leaseStarted(lease);
    return lease;
  }

  /**
   * Starts a lease for a connection object Leash did not wrap, indexed so that {@link #leaseOf} finds
   * it at {@code close()}. If that object already has an open lease (a data source delegating to
   * another returned the same connection), the existing lease is kept and returned.
   */
  public Lease startIndexed(Pool pool, Object connection) {
    return startIndexed(pool, connection, null);
  }

  /** {@link #startIndexed(Pool, Object)} with the acquisition stack already recorded (null: record it here). */
  public Lease startIndexed(Pool pool, Object connection, CapturedStack captured) {
    Lease known = leases.leaseOf(connection);
    if (known != null && !known.isEnded()) {
      return known;
    }
    Lease lease = start(pool, connection, captured);
    if (lease.tracked()) {
      leases.index(connection, lease);
    }
    return lease;
  }

  /** An open lease of {@code pool} that the calling thread took and still holds, or null. */
  public Lease heldByCurrentThread(Pool pool) {
    return leases.heldByCurrentThread(pool);
  }

  /**
   * Whether an open lease of {@code pool} was taken by a virtual thread (alive or not): then that pool's waiters
   * are likely virtual threads too, which thread readings other than the JDK's thread dump do not list.
   * Watchdog only, while a URL-mode pool may be dry and no platform thread waits for it.
   */
  boolean hasVirtualHolder(Pool pool) {
    return leases.hasVirtualHolder(pool);
  }

  /** The open lease of a connection object started with {@link #startIndexed}, or null. */
  public Lease leaseOf(Object connection) {
    return leases.leaseOf(connection);
  }

  /** Ends a lease: the application closed or aborted the connection, or returned it to its pool. Idempotent. */
  public void end(Lease lease) {
    end(lease, true);
  }

  /**
   * Ends a lease whose connection was closed under the application's feet (a pool evicting or shutting
   * down): counted as released, but never reported as "leak returned", because nobody gave it back.
   */
  public void discard(Lease lease) {
    end(lease, false);
  }

  private void end(Lease lease, boolean returnedByApplication) {
    int before = leases.end(lease);
    if (before < 0) {
      return;
    }
    long now = clock.nanoTime();
    long held = now - lease.startNanos();
    lease.owner().leaseEnded(now, held);
    listeners.leaseEnded(lease, held);
    if (returnedByApplication && (before & Lease.SUSPECTED) != 0) {
      listeners.leak(new LeakEvent(LeakEvent.Kind.RETURNED, lease, TimeUnit.NANOSECONDS.toMillis(held), 0, true));
    }
  }

  /**
   * {@code pool} opens its connections through {@code jdbc:leash:} (URL mode; from {@link Pool#urlMode}, once): the
   * watchdog looks for threads waiting inside its acquisition methods whenever it may be dry. Its wait threshold
   * sets the watchdog's tick too (a quarter of it), so a wait past the threshold is seen in time.
   */
  void urlModeStarted(Pool pool) {
    listPool(pool);
    if (pool.config().poolWaitEnabled()) {
      waitSampler.register(pool);
      watchdog.lowerTick(pool.config().poolWaitThreshold().toNanos() / 4);
    }
  }

  /** A URL-mode pool starts opening a connection: watch it even if no lease is open, in case the connect is slow. */
  void urlConnectStarted() {
    watchdog.ensureRunning();
  }

  /**
   * A thread queued for a connection of {@code pool} (wrapped and agent modes): from now on the watchdog
   * checks that pool's queued waits every tick, a quarter of its wait threshold.
   */
  void queuedWaitStarted(Pool pool) {
    PoolMonitor monitor = pool.monitor();
    if (!monitor.queuesWatched && queuedWaits.watch(pool)) {
      watchdog.lowerTick(monitor.waitThresholdNanos() / 4);
    }
    watchdog.ensureRunning();
  }

  /** The watchdog's current tick. */
  long tickNanos() {
    return watchdog.tickNanos();
  }

  /** The real driver took {@code createNanos} to open a connection for {@code pool} (URL mode). */
  public void connectionCreated(Pool pool, long createNanos) {
    listeners.connectionCreated(pool.name(), createNanos);
  }

  /**
   * Leases started while {@code maxOpenLeases} were open, and therefore never tracked, since this
   * registry was created. Shown by the holders report when above zero.
   */
  public long droppedLeases() {
    return leases.droppedCount();
  }

  /**
   * Runs {@code report} on Leash's reporting thread; never blocks the caller. Public so that the
   * SLF4J reporter can move its logging off application threads.
   */
  public void dispatch(Runnable report) {
    dispatcher.dispatch(report);
  }

  /** Reports dropped because the reporting queue was full. */
  public long droppedReports() {
    return dispatcher.dropped();
  }

  /** Remembers {@code pool} as a tracked pool, so that dumps list it even while none of its connections is open. */
  void listPool(Pool pool) {
    pools.add(pool);
  }

  /** The pools Leash tracks, in the order it first saw them, with or without open leases. */
  public List<Pool> trackedPools() {
    return pools.list();
  }

  /** Open leases right now, in no particular order (a snapshot). */
  public List<Lease> openLeases() {
    return leases.snapshot();
  }

  public int openCount() {
    return leases.size();
  }

  public long acquiredCount() {
    return leases.acquiredCount();
  }

  public long releasedCount() {
    return leases.releasedCount();
  }

  public long suspectedCount() {
    return leakScan.suspectedCount();
  }

  public long confirmedCount() {
    return collected.confirmedCount();
  }

  // The watchdog's checks, one pass each, for tests with a fake clock (and no watchdog): tests in other packages
  // reach them through TrackAccess.

  /** One leak scan over the open leases. */
  void scan() {
    leakScan.run(clock.nanoTime());
  }

  /** Reports every lease whose holder was garbage-collected without close(). */
  void drainCollected() {
    collected.drain();
  }

  /** Looks for threads waiting on URL-mode pools that may be dry. Public for {@code PoolWaitLookBenchmark}. */
  public void samplePools() {
    waitSampler.sample(clock.nanoTime());
  }

  /** Reports pools whose queued threads wait past the threshold. */
  void checkQueuedWaits() {
    queuedWaits.run(clock.nanoTime());
  }
}
