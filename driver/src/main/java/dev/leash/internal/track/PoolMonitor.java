package dev.leash.internal.track;

import dev.leash.event.PoolEvent;
import dev.leash.event.Waiters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of a {@link Pool} that watches its acquisitions (in the modes that see them: LeashDataSource and
 * the agent; in URL mode, the waits the watchdog samples): counts the threads waiting right now, measures
 * every wait, keeps a minute of demand statistics, and turns a pool timeout, or a wait past
 * {@code leash.pool.wait.threshold}, into a {@code pool.exhausted} or {@code pool.wait.slow} report,
 * rate-limited by {@code leash.report.interval}.
 * A thread queued behind connections in use is reported by the watchdog as soon as its wait passes the
 * threshold, not when the pool's timeout ends it.
 *
 * <p>Per acquisition the cost is two clock reads (the second is also the lease's start) and a few atomic
 * operations; reports are built only when one is due and logged on Leash's reporting thread.
 */
final class PoolMonitor {

  private final Pool owner;
  private final LeaseRegistry registry;
  private final AtomicInteger waiting = new AtomicInteger();
  private final NestedAcquisitions nested;
  private final DemandWindow demand;
  /** Where a holder waits when it asks for a second connection (see {@link NestedWaiters}). */
  private volatile NestedWaiters.AcquireFrames acquireFrames;
  private final QueuedWaits queuedWaits = new QueuedWaits();
  /** Set once the registry's watchdog checks this pool's queued waits. */
  volatile boolean queuesWatched;
  private final PoolDiagnoser diagnoser;
  private final RateLimiter exhaustedReports;
  private final RateLimiter slowReports;
  private final long waitThresholdNanos;
  private volatile PoolGauge gauge = PoolGauge.UNKNOWN;
  /** The pool's maximum as last read from the gauge, or -1: read on the rare paths, used on every acquisition. */
  private volatile int knownMax = -1;
  /** URL mode: threads the watchdog last saw inside the pool's acquisition method. */
  private volatile int sampledWaiting;

  PoolMonitor(Pool owner) {
    this.owner = owner;
    this.registry = owner.registry();
    this.demand = new DemandWindow(registry.clock().nanoTime());
    long interval = owner.config().reportInterval().toNanos();
    this.exhaustedReports = new RateLimiter(interval);
    this.slowReports = new RateLimiter(interval);
    this.nested = new NestedAcquisitions(owner);
    this.acquireFrames = NestedWaiters.anyGetConnection(owner.capture().filter());
    this.waitThresholdNanos = owner.config().poolWaitEnabled() ? owner.config().poolWaitThreshold().toNanos() : Long.MAX_VALUE;
    this.diagnoser = new PoolDiagnoser(owner, registry, demand, nested, waitThresholdNanos);
  }

  /** Sets what the pool itself can tell (its maximum, active and idle counts). */
  void gauge(PoolGauge g) {
    gauge = g == null ? PoolGauge.UNKNOWN : g;
    if (gauge != PoolGauge.UNKNOWN) {
      registry.listPool(owner); // a pool Leash reads: listed by dumps from now on, even with no lease open
    }
    refreshMax();
  }

  /** Reads the pool's maximum again (a reflective call: never per acquisition, only when it is set or a report is made). */
  private int refreshMax() {
    int max = gauge.max();
    knownMax = max;
    return max;
  }

  PoolGauge gauge() {
    return gauge;
  }

  /** Threads inside an outermost getConnection() of this pool right now. */
  int waiting() {
    return Math.max(waiting.get(), sampledWaiting);
  }

  /**
   * Before the pool's getConnection(); returns the ticket to pass to the matching end call (see
   * {@link AcquireTicket}). Never 0. A thread that queues behind connections in use takes a {@link QueuedWaits}
   * slot, so the watchdog can report the pool dry while it still waits.
   */
  long acquireStarted() {
    int w = waiting.incrementAndGet();
    long now = registry.clock().nanoTime();
    int demandNow = owner.openLeases() + w;
    demand.demand(now, demandNow);
    Lease held = nested.heldByCaller();
    if (held != null) {
      nested.waitStarted(held, now, this);
    }
    int max = knownMax;
    boolean queued = max > 0 && demandNow > max;
    long start = AcquireTicket.startBits(now);
    int slot = 0;
    if (queued && waitThresholdNanos != Long.MAX_VALUE) {
      slot = queuedWaits.enter(start, Thread.currentThread());
      registry.queuedWaitStarted(owner);
    }
    return AcquireTicket.of(start, queued, slot, held != null);
  }

  /**
   * The pool handed out a connection; {@code ticket} is what {@link #acquireStarted} returned. Returns the
   * clock's reading at the hand-out, for the lease to start at (see {@link LeaseRegistry#start(Pool,
   * Object, CapturedStack, long)}): the wait's end and the lease's start are one moment and one clock read.
   */
  long acquireSucceeded(long ticket) {
    long now = registry.clock().nanoTime();
    long wait = now - AcquireTicket.startOf(ticket);
    boolean counted = queuedWaits.leave(AcquireTicket.slotOf(ticket));
    try {
      registry.listeners().acquisitionEnded(owner.name(), wait, false);
      if (wait > waitThresholdNanos && !counted) {
        int max = knownMax > 0 ? knownMax : refreshMax(); // a pool may tell its maximum only once started
        boolean dry = AcquireTicket.queued(ticket) && max > 0 && inUse() >= max;
        // No failure: it got a connection. (A pool timeout below the maximum would mean it cannot open connections.)
        report(dry ? PoolEvent.Kind.EXHAUSTED : PoolEvent.Kind.WAIT_SLOW, now, wait, null, null);
      }
    } finally {
      acquireEnded(ticket);
    }
    return now;
  }

  /** The pool's getConnection() threw {@code failure}; {@code ticket} is what {@link #acquireStarted} returned. */
  void acquireFailed(long ticket, Throwable failure) {
    long now = registry.clock().nanoTime();
    long wait = now - AcquireTicket.startOf(ticket);
    // Counted already: the watchdog reported (or rate-limited) this wait while it went on.
    boolean counted = queuedWaits.leave(AcquireTicket.slotOf(ticket));
    try {
      AcquisitionFailure kind = AcquisitionFailure.classify(failure);
      registry.listeners().acquisitionEnded(owner.name(), wait, kind == AcquisitionFailure.POOL_TIMEOUT);
      if (kind != AcquisitionFailure.OTHER && !counted) {
        report(PoolEvent.Kind.EXHAUSTED, now, wait, kind, failure);
      }
    } finally {
      acquireEnded(ticket);
    }
  }

  /**
   * From the watchdog: the longest queued wait of this pool that has passed {@code leash.pool.wait.threshold}
   * and was not counted yet is a {@code pool.exhausted} occasion now, while it goes on, if the pool is
   * still full. Each wait counts once, here or when it ends.
   */
  void queuedWaitsChecked(long now) {
    if (waiting.get() == 0 || !owner.config().poolReportsEnabled()) {
      return;
    }
    int max = knownMax;
    if (max <= 0 || inUse() < max) {
      return;
    }
    QueuedWaits.Waiter w = queuedWaits.longest(now - waitThresholdNanos);
    if (w == null) {
      return;
    }
    if (!exhaustedReports.wouldAllow(now)) {
      if (queuedWaits.count(w)) {
        exhaustedReports.tryAcquire(now); // counted as suppressed, for the next report to say
      }
      return;
    }
    Occasion o = countsNow(now - w.start);
    o.thread = ThreadNames.of(w.thread);
    StackTraceElement[] stack = w.thread.getStackTrace();
    String site = owner.capture().applicationFrame(stack, 0);
    o.site = site != null ? site : "(no application frame in its stack)";
    o.path = owner.capture().pathAt(stack, 0);
    o.stillWaiting = true;
    PoolDiagnoser.Diagnosed d = diagnoser.diagnose(now, o, acquireFrames, this);
    if (diagnoser.tooEarlyToSayTooSmall(d, w.start, now)) {
      return; // the wait stays uncounted: the next tick looks again
    }
    if (!queuedWaits.count(w)) {
      return; // it ended meanwhile, and its end is the occasion
    }
    long suppressed = exhaustedReports.tryAcquire(now);
    if (suppressed >= 0) {
      publish(PoolEvent.Kind.EXHAUSTED, now, suppressed, o, null, d);
    }
  }

  long waitThresholdNanos() {
    return waitThresholdNanos;
  }

  /** True while a thread waits inside this pool's getConnection(): the watchdog keeps looking. */
  boolean hasWaiters() {
    return waiting.get() > 0;
  }

  /** The counts go down after the report, so that the report counts the thread it is about. */
  private void acquireEnded(long ticket) {
    waiting.decrementAndGet();
    // Decided at the start: the lease it held may have been ended by another thread meanwhile.
    if (AcquireTicket.holding(ticket)) {
      nested.waitEnded();
    }
  }

  /**
   * URL mode: the calling thread's first use of a connection (where its lease starts) while it holds
   * {@code held}, taken by an invocation still running: a nested acquisition that got its connection.
   */
  void nestedLeaseStarted(Lease held, Lease inner) {
    nested.seen(held.site(), held.path(), inner.site(), inner.path(), inner.threadName(), registry.clock().nanoTime(), this);
  }

  /** Threads inside an outermost getConnection() of this pool right now, as counted at its start and end. */
  int waitingInGetConnection() {
    return waiting.get();
  }

  void leaseEnded(long now, long heldNanos) {
    demand.ended(now, heldNanos, waiting.get() == 0 && sampledWaiting == 0);
  }

  int inUse() {
    int active = gauge.active();
    return active >= 0 ? active : owner.openLeases();
  }

  private void report(PoolEvent.Kind kind, long now, long wait, AcquisitionFailure failure, Throwable cause) {
    if (kind == PoolEvent.Kind.EXHAUSTED && !owner.config().poolReportsEnabled()) {
      return;
    }
    // A wait that has ended is reported as it stands, never held back (see PoolDiagnoser#tooEarlyToSayTooSmall):
    // the permit first, so that only the thread that won it diagnoses, on this application thread.
    long suppressed = (kind == PoolEvent.Kind.EXHAUSTED ? exhaustedReports : slowReports).tryAcquire(now);
    if (suppressed < 0) {
      return;
    }
    Occasion o = countsNow(wait);
    o.thread = ThreadNames.of(Thread.currentThread());
    CapturedStack asking = owner.capture().capture();
    o.site = asking.site();
    o.path = asking.path();
    o.failure = failure;
    o.failureMessage = cause == null ? null : dev.leash.internal.util.Secrets.maskUrl(String.valueOf(cause.getMessage()));
    o.cause = o.failureMessage;
    publish(kind, now, suppressed, o, null,
        kind == PoolEvent.Kind.EXHAUSTED ? diagnoser.diagnose(now, o, acquireFrames, this) : null);
  }

  /** An occasion with one snapshot of the counts (ours and the pool's), so that the message and the diagnosis agree. */
  private Occasion countsNow(long wait) {
    Occasion o = new Occasion();
    o.wait = wait;
    o.waiting = Math.max(waiting.get(), gauge.waiting());
    o.inUse = Math.max(inUse(), 0);
    o.max = refreshMax();
    int active = gauge.active();
    int idle = gauge.idle();
    o.total = active >= 0 && idle >= 0 ? active + idle : -1;
    return o;
  }

  /**
   * URL mode, from the watchdog: {@code count} threads are inside the pool's acquisition method, the
   * longest seen there for {@code longestWait}, and {@link UrlModeState#failedWaits()} waits ended without a
   * connection since the previous look. A wait past {@code leash.pool.wait.threshold}, or a failed wait
   * (the pool's timeout), while every connection is leased or connects fail, is the pool running dry:
   * {@code pool.exhausted}. Each failed wait counts as one occasion, as a timeout does in the other modes.
   *
   * @param details the waiters' sites, read only if a report goes out
   */
  void waitersSampled(long now, UrlModeState pool, int count, long longestWait, java.util.function.Supplier<SampledWaiters> details) {
    sampledWaiting = count;
    if (count > 0) {
      demand.demand(now, owner.openLeases() + count);
    }
    int failed = pool.failedWaits();
    // A pool opening a connection (for less than the threshold) is growing, not dry: the wait is slow, not exhausted.
    long connecting = pool.connectingNanos(now);
    boolean growing = connecting > 0 && connecting < waitThresholdNanos;
    // A wait that began just after the pool opened a connection may be for the next one, late to start.
    long needed = pool.grewJustBefore(now - longestWait, waitThresholdNanos) ? 2 * waitThresholdNanos : waitThresholdNanos;
    boolean waitedTooLong = count > 0 && longestWait >= needed && !growing;
    if ((!waitedTooLong && failed == 0) || !owner.config().poolReportsEnabled()) {
      return;
    }
    if (!exhaustedReports.wouldAllow(now)) {
      exhaustedReports.tryAcquire(now, Math.max(1, failed)); // counted as suppressed, for the next report to say
      return;
    }
    SampledWaiters w = details.get();
    Occasion o = new Occasion();
    // The wait shown is the named thread's own: the longest that failed if it was longer and its thread is
    // waiting again (so Leash can name it), else the longest still going on. The Waiting line has both.
    long current = Math.max(longestWait, w.longestNanos);
    long failedWait = pool.longestFailedWait();
    if (failedWait > current && w.failedThread != null) {
      o.thread = w.failedThread;
      o.site = w.failedSite;
      o.path = w.failedPath;
      o.wait = failedWait;
    } else {
      o.thread = w.longestThread;
      o.site = w.longestSite;
      o.path = w.longestPath;
      o.stillWaiting = w.count > 0;
      o.wait = o.stillWaiting ? current : failedWait;
    }
    o.waiting = w.count;
    o.inUse = owner.openLeases();
    o.max = gauge.max();
    o.total = pool.physicalConnections();
    // The waiters have not failed yet (their wait goes on); what the driver saw the pool's connects do is the evidence.
    o.cause = pool.currentConnectFailure(now);
    if (o.cause == null && connecting >= waitThresholdNanos) {
      o.connectingNanos = connecting;
    }
    o.failure = o.cause == null && o.connectingNanos == 0 ? null : AcquisitionFailure.DATABASE_UNAVAILABLE;
    PoolDiagnoser.Diagnosed d = diagnoser.diagnose(now, o, acquireFrames, this);
    // Failed waits too, while other threads still wait: the next look sees them.
    // Only a wait that goes on is held back: failed waits are reported as they stand (this look is their only one).
    if (failed == 0 && diagnoser.tooEarlyToSayTooSmall(d, now - longestWait, now)) {
      return;
    }
    long suppressed = exhaustedReports.tryAcquire(now, Math.max(1, failed));
    if (suppressed < 0) {
      return;
    }
    publish(PoolEvent.Kind.EXHAUSTED, now, suppressed, o,
        w.waiters(pool.acquireDescription(), registry.tickNanos(), failed, pool.longestFailedWait()), d);
  }

  /** URL mode: the pool's own acquisition methods, so that a holder waiting in another pool does not count. */
  void acquireFrames(NestedWaiters.AcquireFrames frames) {
    acquireFrames = frames;
  }

  /**
   * @param waiters URL mode: the sampled waiters, for the holders report; else null
   * @param d the holders and diagnosis of an exhaustion; null for a slow wait
   */
  private void publish(PoolEvent.Kind kind, long now, long suppressed, Occasion o, Waiters waiters, PoolDiagnoser.Diagnosed d) {
    List<Lease> holders = d != null ? d.holders : diagnoser.holders();
    int lost = d != null ? d.lost : diagnoser.lostOf(holders, o);
    PoolEventBuilder b = new PoolEventBuilder(kind)
        .pool(owner.name())
        .db(owner.db())
        .thread(o.thread)
        .site(o.site)
        .path(o.path)
        .waitMillis(TimeUnit.NANOSECONDS.toMillis(o.wait))
        .inUse(o.inUse)
        .max(o.max)
        .waiting(o.waiting)
        .failure(o.failureMessage)
        .suppressed(suppressed)
        .stillWaiting(o.stillWaiting);
    if (d != null) {
      b.holders(HolderGroups.holders(owner.name(), holders, now, lost, owner.lastLostSite(), registry.droppedLeases(),
          waiters));
      b.diagnosis(d.diagnosis);
    }
    PoolEvent event = b.build();
    registry.dispatch(() -> registry.reportPool(event));
  }
}
