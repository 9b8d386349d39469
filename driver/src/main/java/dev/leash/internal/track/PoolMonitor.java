package dev.leash.internal.track;

import dev.leash.event.PoolEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches acquisitions from one pool or data source (in the modes that see them: LeashDataSource and
 * the agent): counts the threads waiting right now, measures every wait, keeps a minute of demand
 * statistics, and turns a pool timeout, or a wait past {@code leash.pool.wait.threshold}, into a
 * {@code pool.exhausted} or {@code pool.wait.slow} report, rate-limited by {@code leash.report.interval}.
 * A thread queued behind connections in use is reported by the watchdog as soon as its wait passes the
 * threshold, not when the pool's timeout ends it.
 *
 * <p>Per acquisition the cost is two clock reads and a few atomic operations; reports are built only
 * when one is due and logged on Leash's reporting thread.
 */
public final class PoolMonitor {

  private final LeaseOwner owner;
  private final LeaseRegistry registry;
  private final AtomicInteger waiting = new AtomicInteger();
  /** Waiting threads that already hold a connection of this pool (the nested-acquisition deadlock). */
  private final AtomicInteger nestedWaiting = new AtomicInteger();
  private final java.util.Set<String> nestedPairsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final RateLimiter nestedReports;
  /** The most recent nested pair: {held site, second site}. */
  private volatile String[] lastNestedPair;
  private final DemandWindow demand;
  private final QueuedWaits queuedWaits = new QueuedWaits();
  /** Set once the registry's watchdog checks this pool's queued waits. */
  volatile boolean queuesWatched;
  private final RateLimiter exhaustedReports;
  private final RateLimiter slowReports;
  private final long waitThresholdNanos;
  private volatile PoolGauge gauge = PoolGauge.UNKNOWN;
  /** The pool's maximum as last read from the gauge, or -1: read on the rare paths, used on every acquisition. */
  private volatile int knownMax = -1;
  /** URL mode: threads the watchdog last saw inside the pool's acquisition method. */
  private volatile int sampledWaiting;

  PoolMonitor(LeaseOwner owner, LeaseRegistry registry) {
    this.owner = owner;
    this.registry = registry;
    this.demand = new DemandWindow(registry.clock().nanoTime());
    long interval = owner.config().reportInterval().toNanos();
    this.exhaustedReports = new RateLimiter(interval);
    this.slowReports = new RateLimiter(interval);
    this.nestedReports = new RateLimiter(interval);
    this.waitThresholdNanos = owner.config().poolWaitEnabled() ? owner.config().poolWaitThreshold().toNanos() : Long.MAX_VALUE;
  }

  /** Sets what the pool itself can tell (its maximum, active and idle counts). */
  public void gauge(PoolGauge g) {
    gauge = g == null ? PoolGauge.UNKNOWN : g;
    refreshMax();
  }

  /** Reads the pool's maximum again (a reflective call: never per acquisition, only when it is set or matters). */
  private int refreshMax() {
    int max = gauge.max();
    knownMax = max;
    return max;
  }

  public PoolGauge gauge() {
    return gauge;
  }

  /** Threads inside an outermost getConnection() of this pool right now. */
  public int waiting() {
    return Math.max(waiting.get(), sampledWaiting);
  }

  /**
   * Before the pool's getConnection(); returns the ticket to pass to the matching end call (see
   * {@link #ticket}). Never 0. A thread that queues behind connections in use takes a {@link QueuedWaits}
   * slot, so the watchdog can report the pool dry while it still waits.
   */
  public long acquireStarted() {
    int w = waiting.incrementAndGet();
    long now = registry.clock().nanoTime();
    int demandNow = owner.openCount() + w;
    demand.demand(now, demandNow);
    Lease held = nestedHeld();
    if (held != null) {
      nestedWaiting.incrementAndGet();
      nested(held, now);
    }
    int max = knownMax;
    boolean queued = max > 0 && demandNow > max;
    int slot = 0;
    if (queued && waitThresholdNanos != Long.MAX_VALUE) {
      slot = queuedWaits.enter(now, Thread.currentThread());
      registry.queuedWaitStarted(this);
    }
    return ticket(now, queued, slot);
  }

  /**
   * One {@code long} carries an acquisition from its start to its end, so that the agent's advice keeps it
   * in a primitive local and no call allocates: the start time, its low byte replaced by the
   * {@link QueuedWaits} slot plus one (bits 1–7) and whether the thread queued (bit 0). The start loses
   * 256 ns of precision; waits that matter are milliseconds. 0 is reserved for "not measured" by the callers.
   */
  static long ticket(long startNanos, boolean queued, int slotPlusOne) {
    long t = (startNanos & ~0xFFL) | ((long) slotPlusOne << 1) | (queued ? 1L : 0L);
    return t == 0 ? 0x100 : t;
  }

  static long startOf(long ticket) {
    return ticket & ~0xFFL;
  }

  static int slotOf(long ticket) {
    return (int) (ticket >>> 1) & 0x7F;
  }

  /**
   * Whether the thread queued behind connections in use: connections leased plus threads waiting (itself
   * included) were more than the pool may open. Otherwise the pool had room for it, and a slow wait was
   * the pool opening a connection (growing), not the pool running dry.
   */
  static boolean queued(long ticket) {
    return (ticket & 1L) != 0;
  }

  /** The pool handed out a connection; {@code ticket} is what {@link #acquireStarted} returned. */
  public void acquireSucceeded(long ticket) {
    long now = registry.clock().nanoTime();
    long wait = now - startOf(ticket);
    boolean counted = queuedWaits.leave(slotOf(ticket));
    try {
      registry.listeners().acquisitionEnded(owner.name(), wait, false);
      if (wait > waitThresholdNanos && !counted) {
        int max = refreshMax();
        boolean dry = queued(ticket) && max > 0 && inUse() >= max;
        // No failure: it got a connection. (A pool timeout below the maximum would mean it cannot open connections.)
        report(dry ? PoolEvent.Kind.EXHAUSTED : PoolEvent.Kind.WAIT_SLOW, now, wait, null, null);
      }
    } finally {
      acquireEnded();
    }
  }

  /** The pool's getConnection() threw {@code failure}; {@code ticket} is what {@link #acquireStarted} returned. */
  public void acquireFailed(long ticket, Throwable failure) {
    long now = registry.clock().nanoTime();
    long wait = now - startOf(ticket);
    // Counted already: the watchdog reported (or rate-limited) this wait while it went on.
    boolean counted = queuedWaits.leave(slotOf(ticket));
    refreshMax();
    try {
      AcquisitionFailure kind = AcquisitionFailure.classify(failure);
      registry.listeners().acquisitionEnded(owner.name(), wait, kind == AcquisitionFailure.POOL_TIMEOUT);
      if (kind != AcquisitionFailure.OTHER && !counted) {
        report(PoolEvent.Kind.EXHAUSTED, now, wait, kind, failure);
      }
    } finally {
      acquireEnded();
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
    QueuedWaits.Waiter w = queuedWaits.countLongest(now - waitThresholdNanos);
    if (w == null) {
      return;
    }
    long suppressed = exhaustedReports.tryAcquire(now);
    if (suppressed < 0) {
      return;
    }
    Occasion o = new Occasion();
    o.thread = w.thread.getName();
    o.site = waitingAt(w.thread);
    o.stillWaiting = true;
    o.wait = now - w.start;
    o.waiting = Math.max(waiting.get(), gauge.waiting());
    o.inUse = Math.max(inUse(), 0);
    o.max = refreshMax();
    int active = gauge.active();
    int idle = gauge.idle();
    o.total = active >= 0 && idle >= 0 ? active + idle : -1;
    publish(PoolEvent.Kind.EXHAUSTED, now, suppressed, o, "");
  }

  long waitThresholdNanos() {
    return waitThresholdNanos;
  }

  /** True while a thread waits inside this pool's getConnection(): the watchdog keeps looking. */
  boolean hasWaiters() {
    return waiting.get() > 0;
  }

  /** The application line {@code thread} is waiting at: its first frame that is neither Leash, the pool nor the JDK. */
  private String waitingAt(Thread thread) {
    SiteFilter filter = owner.capture().filter();
    for (StackTraceElement f : thread.getStackTrace()) {
      if (!StackCapture.isLeash(f.getClassName()) && filter.isApplication(f.getClassName())) {
        return CapturedStack.format(f);
      }
    }
    return "(no application frame in its stack)";
  }

  /** The counts go down after the report, so that the report counts the thread it is about. */
  private void acquireEnded() {
    waiting.decrementAndGet();
    // Nothing can change what this thread holds while it waits inside getConnection().
    if (nestedHeld() != null) {
      nestedWaiting.decrementAndGet();
    }
  }

  /** A lease of this pool that the calling thread holds and whose taking method is still running, or null. */
  private Lease nestedHeld() {
    Lease held = registry.heldByCurrentThread(owner);
    return held != null && owner.capture().isStillRunning(held.capturedStack()) ? held : null;
  }

  /** {@code connection.nested}: once per pair of sites, and at most one per report interval. */
  private void nested(Lease held, long now) {
    String site = owner.capture().capture().site();
    lastNestedPair = new String[] {held.site(), site};
    String pair = held.site() + "\n" + site;
    if (nestedPairsSeen.size() >= 1024 || nestedPairsSeen.contains(pair) || nestedReports.tryAcquire(now) < 0) {
      return;
    }
    nestedPairsSeen.add(pair);
    PoolEvent event = PoolEvent.builder(PoolEvent.Kind.NESTED)
        .pool(owner.name())
        .db(owner.db())
        .thread(Thread.currentThread().getName())
        .site(site)
        .heldSite(held.site())
        .inUse(Math.max(inUse(), 0))
        .max(gauge.max())
        .waiting(waiting.get())
        .build();
    registry.dispatch(() -> registry.listeners().pool(event));
  }

  void leaseEnded(long now, long heldNanos) {
    demand.ended(now, heldNanos);
  }

  private int inUse() {
    int active = gauge.active();
    return active >= 0 ? active : owner.openCount();
  }

  private void report(PoolEvent.Kind kind, long now, long wait, AcquisitionFailure failure, Throwable cause) {
    if (kind == PoolEvent.Kind.EXHAUSTED && !owner.config().poolReportsEnabled()) {
      return;
    }
    long suppressed = (kind == PoolEvent.Kind.EXHAUSTED ? exhaustedReports : slowReports).tryAcquire(now);
    if (suppressed < 0) {
      return;
    }
    // One snapshot of the counts, so the message and the diagnosis agree.
    Occasion o = new Occasion();
    o.thread = Thread.currentThread().getName();
    o.site = owner.capture().capture().site();
    o.wait = wait;
    o.waiting = Math.max(waiting.get(), gauge.waiting());
    o.inUse = Math.max(inUse(), 0);
    o.max = gauge.max();
    int active = gauge.active();
    int idle = gauge.idle();
    o.total = active >= 0 && idle >= 0 ? active + idle : -1;
    o.failure = failure;
    o.failureMessage = cause == null ? null : dev.leash.internal.Secrets.maskUrl(String.valueOf(cause.getMessage()));
    o.cause = o.failureMessage;
    publish(kind, now, suppressed, o, "");
  }

  /**
   * URL mode, from the watchdog: {@code count} threads are inside the pool's acquisition method, the
   * longest seen there for {@code longestWait}, and {@link UrlPool#failedWaits()} waits ended without a
   * connection since the previous look. A wait past {@code leash.pool.wait.threshold}, or a failed wait
   * (the pool's timeout), while every connection is leased or connects fail, is the pool running dry:
   * {@code pool.exhausted}. Each failed wait counts as one occasion, as a timeout does in the other modes.
   *
   * @param details the waiters' sites, read only if a report goes out
   */
  void waitersSampled(long now, UrlPool pool, int count, long longestWait, java.util.function.Supplier<SampledWaiters> details) {
    sampledWaiting = count;
    if (count > 0) {
      demand.demand(now, owner.openCount() + count);
    }
    int failed = pool.failedWaits();
    // A pool opening a connection (for less than the threshold) is growing, not dry: the wait is slow, not exhausted.
    long connecting = pool.connectingNanos(now);
    boolean growing = connecting > 0 && connecting < waitThresholdNanos;
    boolean waitedTooLong = count > 0 && longestWait >= waitThresholdNanos && !growing;
    if ((!waitedTooLong && failed == 0) || !owner.config().poolReportsEnabled()) {
      return;
    }
    long suppressed = exhaustedReports.tryAcquire(now, Math.max(1, failed));
    if (suppressed < 0) {
      return;
    }
    SampledWaiters w = details.get();
    Occasion o = new Occasion();
    o.thread = w.longestThread;
    o.site = w.longestSite;
    long current = Math.max(longestWait, w.longestNanos);
    o.wait = Math.max(current, pool.longestFailedWait());
    o.stillWaiting = w.count > 0 && current >= pool.longestFailedWait();
    o.waiting = w.count;
    o.inUse = owner.openCount();
    o.max = gauge.max();
    o.total = pool.physicalConnections();
    // The waiters have not failed yet (their wait goes on); what the driver saw the pool's connects do is the evidence.
    o.cause = pool.currentConnectFailure(now);
    if (o.cause == null && connecting >= waitThresholdNanos) {
      o.cause = "opening a new connection has taken " + HoldersReport.human(connecting) + " so far";
    }
    o.failure = o.cause == null ? null : AcquisitionFailure.DATABASE_UNAVAILABLE;
    publish(PoolEvent.Kind.EXHAUSTED, now, suppressed, o, "\n  " + w.describe(pool.acquireDescription(), registry.tickNanos(), failed));
  }

  /** What one report is about, read once so that the message and the diagnosis agree. */
  private static final class Occasion {
    String thread;
    String site;
    long wait;
    int waiting;
    int inUse;
    int max;
    /** Connections the pool has open (active + idle), or -1 if unknown. */
    int total;
    AcquisitionFailure failure;
    /** What the waiting thread got from the pool (its exception's message), or null. */
    String failureMessage;
    /** The evidence behind {@link #failure}, for the diagnosis: the pool's exception, or what its connects did. */
    String cause;
    /** {@link #thread} was still waiting when the watchdog found it. */
    boolean stillWaiting;
  }

  private void publish(PoolEvent.Kind kind, long now, long suppressed, Occasion o, String waitersLine) {
    List<Lease> holders = holders();
    PoolEvent.Builder b = PoolEvent.builder(kind)
        .pool(owner.name())
        .db(owner.db())
        .thread(o.thread)
        .site(o.site)
        .waitMillis(TimeUnit.NANOSECONDS.toMillis(o.wait))
        .inUse(o.inUse)
        .max(o.max)
        .waiting(o.waiting)
        .failure(o.failureMessage)
        .suppressed(suppressed)
        .stillWaiting(o.stillWaiting)
        .holdersReport(HoldersReport.render(holders, now) + lostLine(o.inUse, holders.size())
            + HoldersReport.dropped(registry.droppedLeases()) + waitersLine);
    if (kind == PoolEvent.Kind.EXHAUSTED) {
      Diagnosis.Evidence e = new Diagnosis.Evidence();
      e.holders = holders;
      e.now = now;
      e.inUse = o.inUse;
      e.max = o.max;
      e.total = o.total;
      e.waiting = o.waiting;
      e.leakThresholdNanos = owner.leakThresholdNanos();
      e.slowThresholdNanos = owner.config().poolWaitThreshold().toNanos();
      e.demand = demand.snapshot(now);
      e.failure = o.failure;
      e.nestedWaiting = nestedWaiting.get();
      // Connections the pool counts as in use that no open lease explains: lost to confirmed leaks.
      e.lost = Math.max(0, Math.min(owner.lostCount(), o.inUse - holders.size()));
      e.lostSite = owner.lastLostSite();
      e.nestedPair = lastNestedPair;
      e.failureMessage = o.cause;
      e.db = owner.db();
      Diagnosis d = Diagnosis.decide(e);
      b.diagnosis(d.code(), d.text());
    }
    PoolEvent event = b.build();
    registry.dispatch(() -> registry.listeners().pool(event));
  }

  /** Connections the pool still counts as in use whose holders were garbage-collected: not in the holders list. */
  private String lostLine(int inUseNow, int holders) {
    int lost = Math.max(0, Math.min(owner.lostCount(), inUseNow - holders));
    if (lost == 0) {
      return "";
    }
    return "\n  " + lost + (lost == 1 ? " more connection is" : " more connections are")
        + " in use by the pool but lost: garbage-collected without close() (last taken at " + owner.lastLostSite() + ")";
  }

  private List<Lease> holders() {
    List<Lease> mine = new ArrayList<>();
    for (Lease l : registry.openLeases()) {
      if (l.owner() == owner) {
        mine.add(l);
      }
    }
    return mine;
  }
}
