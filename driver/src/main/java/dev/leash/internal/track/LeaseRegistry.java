package dev.leash.internal.track;

import dev.leash.event.LeakEvent;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Every open lease of the process, and the one watchdog thread that checks them.
 *
 * <p>The watchdog wakes every tick (a quarter of the smallest leak threshold in use, between 10 ms
 * and 1 s), samples each lease's activity counter to learn when it was last used, and reports a
 * lease once when it is older than the threshold: busy in a statement ({@code connection.held.busy})
 * or idle for at least the threshold ({@code connection.leak.suspected}). Between ticks it waits on
 * the reference queue, so a connection garbage-collected without {@code close()} is reported within
 * a tick of the collection. No thread or task per lease. The thread stops when nothing is open and
 * starts again at the next lease, so an unused registry holds no thread.
 */
public final class LeaseRegistry {

  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Empty ticks before the watchdog thread exits. Package-private and mutable for class-loader tests only. */
  static volatile int idleTicksBeforeExit = 40;
  /**
   * Default bound on stored open leases. Each open lease costs roughly 150 bytes (its stack is shared
   * per site), so the default bounds the registry near 15 MB even if an application leaks without end.
   */
  public static final int DEFAULT_MAX_OPEN_LEASES = 100_000;

  private final Clock clock;
  private final Listeners listeners = new Listeners();
  private final LastExhausted lastExhausted = new LastExhausted();
  private final ConcurrentHashMap<Lease, Boolean> open = new ConcurrentHashMap<>();
  /** Connection object → its open lease, for connections Leash did not wrap (the agent's). */
  private final WeakIdentityMap<Lease> byHolder = new WeakIdentityMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder acquired = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder suspected = new LongAdder();
  private final LongAdder confirmed = new LongAdder();
  /** Leases not stored because {@link #maxOpenLeases} were open (see {@link #start}). */
  private final LongAdder dropped = new LongAdder();
  private final AtomicBoolean droppedNoticeSent = new AtomicBoolean();
  private final int maxOpenLeases;
  private final AtomicBoolean startedReported = new AtomicBoolean();
  private final ReportDispatcher dispatcher = new ReportDispatcher();
  /** Pools tracked so far, for dumps: see {@link #listPool}. */
  private final List<WeakReference<LeaseOwner>> pools = new ArrayList<>();
  private static final int MAX_LISTED_POOLS = 1024;
  private final boolean watchdogEnabled;

  /**
   * The leases each thread took and may still hold, so a second acquisition from the same pool is seen
   * as nested. Only the owning thread changes its list; leases ended elsewhere are pruned lazily. An
   * emptied list stays in place: removing and re-creating it made every borrow/return cycle allocate a
   * list, its array and a thread-local entry, and an empty ArrayList of weak references pins nothing.
   *
   * <p>The list holds the leases weakly: a lease ended on another thread (closed there, confirmed by
   * the watchdog, discarded by the pool) may sit in a container worker thread's list until that thread
   * takes a connection again, and a strong reference there would pin the web application's class
   * loader through Lease → LeaseOwner after a redeploy. Open leases stay reachable from {@link #open}.
   */
  private final ThreadLocal<ArrayList<WeakReference<Lease>>> heldByThread = new ThreadLocal<>();

  private volatile long tickNanos = MAX_TICK_NANOS;
  private volatile boolean watchdogRunning;
  private final PoolWaitSampler waitSampler = new PoolWaitSampler(this);
  /** Pools (wrapped and agent modes) whose threads have queued for a connection: see {@link #queuedWaitStarted}. */
  private final CopyOnWriteArrayList<PoolMonitor> queuing = new CopyOnWriteArrayList<>();
  private static final int MAX_QUEUING_POOLS = 1024;

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
    this.watchdogEnabled = watchdogEnabled;
    this.maxOpenLeases = maxOpenLeases;
  }

  public Listeners listeners() {
    return listeners;
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

  public Clock clock() {
    return clock;
  }

  /** Emits {@code leash.started} the first time it is called; later calls do nothing. */
  public void reportStartedOnce(StartedEvent event) {
    if (startedReported.compareAndSet(false, true)) {
      listeners.started(event);
    }
  }

  private final ConcurrentHashMap<String, Boolean> noticesSent = new ConcurrentHashMap<>();

  /** Sends a notice the first time {@code onceKey} is seen; bounded by the few distinct keys Leash uses. */
  public void noticeOnce(String onceKey, String event, String message) {
    if (noticesSent.size() < 1024 && noticesSent.putIfAbsent(onceKey, Boolean.TRUE) == null) {
      listeners.notice(event, message);
    }
  }

  /** Reads the application's MDC on the acquiring thread (key → value); null: leases carry no context. */
  private volatile UnaryOperator<String> mdc;

  /** Sets the reader of the application's MDC that {@code leash.context.keys} are read through at each acquisition. */
  public void contextSource(UnaryOperator<String> mdcReader) {
    this.mdc = mdcReader;
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
  public Lease start(LeaseOwner owner, Object holder) {
    return start(owner, holder, null);
  }

  /**
   * Starts a lease whose acquisition stack the caller may already have captured (null: capture here).
   * Capturing as close to the application's frame as possible is cheaper: the walk costs per frame it passes.
   */
  public Lease start(LeaseOwner owner, Object holder, CapturedStack captured) {
    if (open.size() >= maxOpenLeases) {
      return untracked(owner);
    }
    CapturedStack stack = captured != null ? captured : owner.capture().capture();
    Lease lease = new Lease(ids.incrementAndGet(), owner, holder, collected, clock.nanoTime(),
        clock.currentTimeMillis(), Thread.currentThread(), stack, true, LeaseContext.capture(owner.contextKeys(), mdc), clock);
    open.put(lease, Boolean.TRUE);
    rememberHeld(lease);
    owner.leaseStarted();
    if (!owner.listed) {
      listPool(owner);
    }
    acquired.increment();
    adjustTick(owner);
    ensureWatchdog();
    listeners.leaseStarted(lease);
    return lease;
  }

  /**
   * Past the bound: a lease object the hooks can use like any other, but not stored, not weakly
   * watched, not in the thread's held list and not in the counters, so it costs nothing once dropped.
   * The race between the size check and the insert can overshoot the bound by a few leases; harmless.
   */
  private Lease untracked(LeaseOwner owner) {
    dropped.increment();
    if (droppedNoticeSent.compareAndSet(false, true)) {
      listeners.notice("leash.leases.dropped", "More than " + maxOpenLeases + " connections are open at once; "
          + "Leash stops tracking further ones until some are returned, to bound its memory. The holders report "
          + "says how many were not tracked.");
    }
    return new Lease(-1, owner, null, null, clock.nanoTime(), clock.currentTimeMillis(), Thread.currentThread(),
        CapturedStack.NONE, false, null, clock);
  }

  /**
   * Starts a lease for a connection object Leash did not wrap, indexed so that {@link #leaseOf} finds
   * it at {@code close()}. If that object already has an open lease (a data source delegating to
   * another returned the same connection), the existing lease is kept and returned.
   */
  public Lease startIndexed(LeaseOwner owner, Object connection) {
    Lease known = byHolder.get(connection);
    if (known != null && !known.isEnded()) {
      return known;
    }
    Lease lease = start(owner, connection);
    if (lease.tracked()) {
      lease.indexKey = byHolder.put(connection, lease);
    }
    return lease;
  }

  /** An open lease of {@code owner} that the calling thread took and still holds, or null. */
  public Lease heldByCurrentThread(LeaseOwner owner) {
    ArrayList<WeakReference<Lease>> held = heldByThread.get();
    if (held == null) {
      return null;
    }
    for (int i = held.size() - 1; i >= 0; i--) {
      Lease l = held.get(i).get();
      if (l == null || l.isEnded()) {
        held.remove(i);
      } else if (l.owner() == owner) {
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


  /**
   * Whether an open lease of {@code owner} was taken by a virtual thread (alive or not): then that pool's waiters
   * are likely virtual threads too, which thread readings other than the JDK's thread dump do not list.
   * Watchdog only, while a URL-mode pool may be dry and no platform thread waits for it.
   */
  boolean hasVirtualHolder(LeaseOwner owner) {
    for (Lease l : open.keySet()) {
      if (l.owner() == owner && l.takenByVirtualThread()) {
        return true;
      }
    }
    return false;
  }

  /** The open lease of a connection object started with {@link #startIndexed}, or null. */
  public Lease leaseOf(Object connection) {
    return byHolder.get(connection);
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
    int before = lease.markEnded(0);
    if (before < 0 || !lease.tracked()) {
      return;
    }
    lease.clear();
    open.remove(lease);
    unindex(lease);
    forgetHeld(lease);
    released.increment();
    long now = clock.nanoTime();
    long held = now - lease.startNanos();
    lease.owner().leaseEnded(now, held);
    listeners.leaseEnded(lease, held);
    if (returnedByApplication && (before & Lease.SUSPECTED) != 0) {
      listeners.leak(new LeakEvent(LeakEvent.Kind.RETURNED, lease, TimeUnit.NANOSECONDS.toMillis(held), 0, true));
    }
  }

  /**
   * Registers a pool that opens its connections through {@code jdbc:leash:} (URL mode), so the watchdog
   * looks for threads waiting inside its acquisition methods whenever it may be dry. Its wait threshold
   * sets the watchdog's tick too (a quarter of it), so a wait past the threshold is seen in time.
   */
  public UrlPool registerUrlPool(LeaseOwner owner, String acquireDescription, List<String> acquireMethods) {
    UrlPool pool = new UrlPool(owner, acquireDescription, acquireMethods);
    listPool(owner);
    if (owner.config().poolWaitEnabled()) {
      pool.minFailedWait(Math.min(owner.config().poolWaitThreshold().toNanos(), TimeUnit.MILLISECONDS.toNanos(250)));
      waitSampler.register(pool);
      lowerTick(owner.config().poolWaitThreshold().toNanos() / 4);
    }
    return pool;
  }

  /** A URL-mode pool starts opening a connection: watch it even if no lease is open, in case the connect is slow. */
  public void urlPoolConnectStarted(UrlPool pool) {
    pool.connectStarted(clock.nanoTime());
    ensureWatchdog();
  }

  /** A URL-mode pool's connect ended: {@code maskedFailure} is null if it succeeded. */
  public void urlPoolConnectEnded(UrlPool pool, String maskedFailure) {
    pool.connectEnded(clock.nanoTime(), maskedFailure);
  }

  /** Looks for threads waiting on URL-mode pools that may be dry. Public so tests with a fake clock can drive it. */
  public void samplePools() {
    waitSampler.sample(clock.nanoTime());
  }

  /**
   * A thread queued for a connection of {@code monitor}'s pool (wrapped and agent modes): from now on the
   * watchdog checks that pool's queued waits every tick, a quarter of its wait threshold.
   */
  void queuedWaitStarted(PoolMonitor monitor) {
    if (!monitor.queuesWatched) {
      watchQueues(monitor);
    }
    ensureWatchdog();
  }

  private synchronized void watchQueues(PoolMonitor monitor) {
    if (!monitor.queuesWatched && queuing.size() < MAX_QUEUING_POOLS) {
      queuing.add(monitor);
      lowerTick(monitor.waitThresholdNanos() / 4);
    }
    monitor.queuesWatched = true;
  }

  /** Reports pools whose queued threads wait past the threshold. Public so tests with a fake clock can drive it. */
  public void checkQueuedWaits() {
    long now = clock.nanoTime();
    for (PoolMonitor m : queuing) {
      m.queuedWaitsChecked(now);
    }
  }

  private boolean anyoneQueued() {
    for (PoolMonitor m : queuing) {
      if (m.hasWaiters()) {
        return true;
      }
    }
    return false;
  }

  /** The watchdog's current tick. */
  long tickNanos() {
    return tickNanos;
  }

  /** The real driver took {@code createNanos} to open a connection for {@code owner} (URL mode). */
  public void connectionCreated(LeaseOwner owner, long createNanos) {
    listeners.connectionCreated(owner.name(), createNanos);
  }

  /**
   * Leases started while {@code maxOpenLeases} were open, and therefore never tracked, since this
   * registry was created. Shown by the holders report when above zero.
   */
  public long droppedLeases() {
    return dropped.sum();
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

  /**
   * Remembers {@code owner} as a tracked pool, so that dumps list it even while none of its connections is
   * open. Held weakly (a dropped pool's owner goes) and bounded.
   */
  void listPool(LeaseOwner owner) {
    synchronized (pools) {
      if (owner.listed) {
        return;
      }
      pools.removeIf(r -> r.get() == null);
      if (pools.size() < MAX_LISTED_POOLS) {
        pools.add(new WeakReference<>(owner));
        owner.listed = true;
      }
    }
  }

  /** The pools (owners) Leash tracks, in the order it first saw them, with or without open leases. */
  public List<LeaseOwner> trackedPools() {
    List<LeaseOwner> out = new ArrayList<>();
    synchronized (pools) {
      for (WeakReference<LeaseOwner> r : pools) {
        LeaseOwner o = r.get();
        if (o != null) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** Open leases right now, in no particular order (a snapshot). */
  public List<Lease> openLeases() {
    return new ArrayList<>(open.keySet());
  }

  public int openCount() {
    return open.size();
  }

  public long acquiredCount() {
    return acquired.sum();
  }

  public long releasedCount() {
    return released.sum();
  }

  public long suspectedCount() {
    return suspected.sum();
  }

  public long confirmedCount() {
    return confirmed.sum();
  }

  /** One watchdog pass over open leases. Public so tests with a fake clock can drive it. */
  public void scan() {
    long now = clock.nanoTime();
    for (Lease lease : open.keySet()) {
      try {
        check(lease, now);
      } catch (RuntimeException e) {
        // One odd lease must not stop the others from being checked.
        listenersFailedOnce(e);
      }
    }
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

  /** Reports every lease whose holder was garbage-collected without close(). Public for tests. */
  public void drainCollected() {
    Reference<?> ref;
    while ((ref = collected.poll()) != null) {
      confirm((Lease) ref);
    }
  }

  private void confirm(Lease lease) {
    int before = lease.markEnded(Lease.CONFIRMED);
    if (before < 0) {
      return;
    }
    open.remove(lease);
    unindex(lease);
    confirmed.increment();
    long now = clock.nanoTime();
    long held = now - lease.startNanos();
    LeaseOwner owner = lease.owner();
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
    listeners.leak(new LeakEvent(LeakEvent.Kind.CONFIRMED, lease, millis(held), 0, lease.liveThread() != null,
        state, inUse, leased));
  }

  private void unindex(Lease lease) {
    Object key = lease.indexKey;
    if (key != null) {
      byHolder.removeKey(key);
    }
  }

  private void adjustTick(LeaseOwner owner) {
    lowerTick(owner.leakThresholdNanos() / 4);
  }

  private void lowerTick(long nanos) {
    long wanted = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, nanos));
    if (wanted < tickNanos) {
      tickNanos = wanted;
    }
  }

  /** Starts the watchdog unless it runs (or is off for a test): one volatile read when it runs. */
  private void ensureWatchdog() {
    if (watchdogEnabled && !watchdogRunning) {
      startWatchdog();
    }
  }

  private synchronized void startWatchdog() {
    if (watchdogRunning) {
      return;
    }
    watchdogRunning = true;
    Thread t = new Thread(this::watch, "leash-watchdog");
    t.setDaemon(true);
    // The thread must not pin whatever loader happened to create it (web-app redeploys).
    t.setContextClassLoader(null);
    t.start();
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
        long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextScan - clock.nanoTime()));
        Reference<?> ref = collected.remove(waitMillis);
        if (ref != null) {
          confirm((Lease) ref);
          drainCollected();
        }
        if (clock.nanoTime() - nextScan >= 0) {
          lastScan = clock.nanoTime();
          scan();
          samplePoolsQuietly();
          checkQueuedWaitsQuietly();
          nextScan = clock.nanoTime() + tickNanos;
          idleTicks = open.isEmpty() && !wantsTicks() ? idleTicks + 1 : 0;
          if (idleTicks >= idleTicksBeforeExit) {
            if (stopIfIdle()) {
              return;
            }
            idleTicks = 0;
          }
        }
      } catch (InterruptedException e) {
        synchronized (this) {
          watchdogRunning = false;
        }
        return;
      } catch (Throwable t) {
        listenersFailedOnce(t);
      }
    }
  }

  /**
   * Stops the watchdog if nothing is open. A lease started while we stop either sees the flag down
   * and starts a new watchdog, or was put before the flag went down, in which case the re-check
   * below sees it and this watchdog keeps going.
   */
  private boolean stopIfIdle() {
    synchronized (this) {
      if (!open.isEmpty() || wantsTicks()) {
        return false;
      }
      watchdogRunning = false;
    }
    if (open.isEmpty() && collectedPending() == null) {
      return true;
    }
    synchronized (this) {
      if (watchdogRunning) {
        return true; // another thread already started a fresh watchdog
      }
      watchdogRunning = true;
      return false;
    }
  }

  /** True while threads wait for a pool: the watchdog keeps running for them even with no lease open. */
  private boolean wantsTicks() {
    return waitSampler.wantsTicks(clock.nanoTime()) || anyoneQueued();
  }

  private void checkQueuedWaitsQuietly() {
    try {
      checkQueuedWaits();
    } catch (RuntimeException e) {
      listenersFailedOnce(e);
    }
  }

  private void samplePoolsQuietly() {
    try {
      samplePools();
    } catch (RuntimeException e) {
      listenersFailedOnce(e);
    }
  }

  private Reference<?> collectedPending() {
    Reference<?> ref = collected.poll();
    if (ref != null) {
      confirm((Lease) ref);
    }
    return ref;
  }

  private final AtomicBoolean internalFailureReported = new AtomicBoolean();

  private void listenersFailedOnce(Throwable t) {
    if (internalFailureReported.compareAndSet(false, true)) {
      System.err.println("leash: internal error in the watchdog (reported once, tracking continues): " + t);
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
