package dev.leash.internal.track;

import dev.leash.config.LeashConfig;
import dev.leash.event.PoolView;

/**
 * One pool, data source, or driver URL that leases are taken from: the one object the hooks, the registry and
 * the watchdog's checks hold and look up for it. It knows its registry from its creation, its name and URL,
 * the configuration that applies to its leases and the stack capture built from it, and counts its open and
 * lost leases; what it knows besides is in parts it creates and owns, each when first needed:
 *
 * <ul>
 *   <li>its {@link PoolMonitor} (the modes that see acquisitions: {@code LeashDataSource}, the agent; and URL
 *       mode, whose sampled waits it reports): waiting threads, waits, demand, nested acquisitions, reports;
 *   <li>its {@link UrlModeState} (URL mode only): the physical connections and connects the driver sees, and what
 *       the watchdog last sampled of its waiters.
 * </ul>
 *
 * Holds no reference to the pool or data source itself, so tracking never keeps one alive; the pool's own
 * counts are read through its monitor's {@link PoolGauge}, which holds the pool weakly.
 */
public final class Pool implements PoolView {

  private volatile String name;
  /** Named by Leash until the pool says its own name (a pool that names itself when it starts). */
  private volatile boolean provisional;
  /** Set once naming is over (see {@link #settled()}); until then, attempts left. */
  private volatile boolean settled;
  private int settleAttempts;
  /** Whether the registry lists this pool among its tracked pools (for dumps). */
  volatile boolean listed;
  private volatile String db;
  private final LeaseRegistry registry;
  private final LeashConfig config;
  private final StackCapture capture;
  private final String[] contextKeys;
  private final long leakThresholdNanos;
  private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
  /** Created on first use: a driver URL's pool (connections opened straight from the driver) never needs one. */
  private volatile PoolMonitor monitor;
  /** Set once, when a pool opening connections through {@code jdbc:leash:} is first seen (URL mode). */
  private volatile UrlModeState urlMode;
  private final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
  private volatile String lastLostSite;

  public Pool(LeaseRegistry registry, String name, String db, LeashConfig config) {
    this(registry, name, db, config, false);
  }

  /**
   * @param provisional true when {@code name} is Leash's stand-in until the pool's own name is known
   *     ({@link #rename}); a provisional pool must not be shared between data sources
   */
  public Pool(LeaseRegistry registry, String name, String db, LeashConfig config, boolean provisional) {
    this.registry = registry;
    this.name = name;
    this.provisional = provisional;
    this.db = db;
    this.config = config;
    this.capture = new StackCapture(new SiteFilter(config.siteExcludes()), config.stackDepth());
    this.contextKeys = config.contextKeys().toArray(new String[0]);
    this.leakThresholdNanos = config.leakDetectionEnabled() ? config.leakThreshold().toNanos() : Long.MAX_VALUE;
  }

  /** Pool or data source name as shown in reports ({@code pool} key). */
  @Override
  public String name() {
    return name;
  }

  /** Whether {@link #name()} is still Leash's stand-in, waiting for the pool's own name. */
  public boolean provisional() {
    return provisional;
  }

  /**
   * Takes the pool's own name, once: a pool that names itself when it starts (HikariCP's {@code HikariPool-1})
   * is known by that name in every output from then on. Does nothing unless {@link #provisional()}.
   */
  public synchronized void rename(String poolName) {
    if (provisional && poolName != null && !poolName.isEmpty()) {
      name = poolName;
      provisional = false;
    }
  }

  /**
   * Whether this pool's name and URL are final, so that callers stop asking the pool (a reflective call)
   * on every acquisition. Pools that are neither provisional nor of unknown URL are settled from the start.
   */
  public boolean settled() {
    if (settled) {
      return true;
    }
    if (!provisional && !UNKNOWN_DB.equals(db)) {
      settled = true;
      return true;
    }
    return false;
  }

  /**
   * Counts one attempt to learn the name or URL; after a few (a pool that never names itself, a data source
   * whose connections do not say their URL) the pool keeps what it has, so the attempts stay bounded.
   */
  public synchronized void settleAttempted() {
    if (++settleAttempts >= 16) {
      settled = true;
    }
  }

  /** The masked URL, learnt from a connection's metadata when the data source did not say it ({@code (unknown)}). */
  public void learnDb(String maskedUrl) {
    if (UNKNOWN_DB.equals(db) && maskedUrl != null && !UNKNOWN_DB.equals(maskedUrl)) {
      db = maskedUrl;
    }
  }

  /** The {@code db} of a pool whose data source does not say its URL. */
  public static final String UNKNOWN_DB = "(unknown)";

  /**
   * Whether this pool stands for connections opened straight from a driver (no pool, no data source):
   * such a pool is named after its URL, which no data source's name ever is.
   */
  public boolean driverDirect() {
    return !provisional && name.equals(db);
  }

  /** Database URL with secrets masked ({@code db} key). */
  public String db() {
    return db;
  }

  /** The registry this pool's leases are in; its clock is the one every time of this pool is read on. */
  public LeaseRegistry registry() {
    return registry;
  }

  public LeashConfig config() {
    return config;
  }

  public StackCapture capture() {
    return capture;
  }

  /** {@code leash.context.keys}: the MDC keys each lease of this pool copies; empty when off. Never modify. */
  String[] contextKeys() {
    return contextKeys;
  }

  /** {@code leash.leak.threshold} in nanoseconds; {@code Long.MAX_VALUE} when leak detection is off. */
  long leakThresholdNanos() {
    return leakThresholdNanos;
  }

  /** Open leases of this pool right now. */
  @Override
  public int openLeases() {
    return open.get();
  }

  @Override
  public int waiting() {
    PoolMonitor m = monitor;
    return m == null ? 0 : m.waiting();
  }

  @Override
  public boolean poolCountsKnown() {
    return gauge() != PoolGauge.UNKNOWN;
  }

  @Override
  public int max() {
    return gauge().max();
  }

  @Override
  public int active() {
    return gauge().active();
  }

  @Override
  public int idle() {
    return gauge().idle();
  }

  @Override
  public int idleMax() {
    return gauge().idleMax();
  }

  @Override
  public int idleMin() {
    return gauge().idleMin();
  }

  @Override
  public int poolWaiting() {
    return gauge().waiting();
  }

  /** What the pool says about itself; {@link PoolGauge#UNKNOWN} until {@link #gauge(PoolGauge)} is set. */
  public PoolGauge gauge() {
    PoolMonitor m = monitor;
    return m == null ? PoolGauge.UNKNOWN : m.gauge();
  }

  /** Sets what the pool itself can tell (its maximum, active and idle counts); listed by dumps from then on. */
  public void gauge(PoolGauge g) {
    monitor().gauge(g);
  }

  void leaseStarted() {
    open.incrementAndGet();
  }

  void leaseEnded(long now, long heldNanos) {
    open.decrementAndGet();
    PoolMonitor m = monitor;
    if (m != null) {
      m.leaseEnded(now, heldNanos);
    }
  }

  /**
   * A lease of this pool was garbage-collected without close(): for a pool, a connection lost for
   * good. Not a normal lease end, so it stays out of the hold-time statistics.
   */
  void leaseLost(Lease lease) {
    open.decrementAndGet();
    lost.incrementAndGet();
    lastLostSite = lease.where();
  }

  /** Connections of this pool whose holder was garbage-collected without close(). */
  public int lostCount() {
    return lost.get();
  }

  /** The site of the most recent lost connection, or null. */
  public String lastLostSite() {
    return lastLostSite;
  }

  // Acquisitions, in the modes that see the pool's getConnection() (LeashDataSource, the agent): see PoolMonitor.

  /** Before the pool's getConnection(); returns the ticket for {@link #acquireSucceeded} or {@link #acquireFailed}. */
  public long acquireStarted() {
    return monitor().acquireStarted();
  }

  /** The pool handed out a connection; returns the clock's reading at the hand-out, for the lease to start at. */
  public long acquireSucceeded(long ticket) {
    return monitor().acquireSucceeded(ticket);
  }

  /** The pool's getConnection() threw {@code failure}. */
  public void acquireFailed(long ticket, Throwable failure) {
    monitor().acquireFailed(ticket, failure);
  }

  /** URL mode: the calling thread, holding {@code held} in an invocation still running, started {@code inner}. */
  public void nestedLeaseStarted(Lease held, Lease inner) {
    monitor().nestedLeaseStarted(held, inner);
  }

  /** This pool's acquisition monitor, created on first use (the modes that see acquisitions, and URL mode). */
  PoolMonitor monitor() {
    PoolMonitor m = monitor;
    if (m == null) {
      synchronized (this) {
        m = monitor;
        if (m == null) {
          m = new PoolMonitor(this);
          monitor = m;
        }
      }
    }
    return m;
  }

  // URL mode: a pool that opens its connections through jdbc:leash:, seen from the driver. See UrlModeState.

  /**
   * This pool opens its connections through {@code jdbc:leash:}: from the first call on, the watchdog looks for
   * threads waiting inside its acquisition methods whenever it may be dry. Later calls do nothing.
   *
   * @param acquireDescription what the waiting threads are inside of, for reports ({@code HikariCP getConnection()})
   * @param acquireMethods {@code Class.method} names of the pool's acquisition methods
   */
  public void urlMode(String acquireDescription, java.util.List<String> acquireMethods) {
    if (urlMode != null) {
      return;
    }
    synchronized (this) {
      if (urlMode == null) {
        // The monitor first: its demand window learns every lease's hold time from the start.
        PoolMonitor m = monitor();
        UrlModeState u = new UrlModeState(this, acquireDescription, acquireMethods);
        m.acquireFrames(u::isAcquireFrame);
        urlMode = u;
        registry.urlModeStarted(this);
      }
    }
  }

  /** URL mode's state of this pool, or null before {@link #urlMode(String, java.util.List)}. */
  UrlModeState urlState() {
    return urlMode;
  }

  /** URL mode: the pool starts opening a connection (pair with {@link #connectEnded}). */
  public void connectStarted() {
    urlMode.connectStarted(registry.clock().nanoTime());
    registry.urlConnectStarted();
  }

  /** URL mode: the connect ended; {@code maskedFailure} (no secrets in it) is null if it succeeded. */
  public void connectEnded(String maskedFailure) {
    urlMode.connectEnded(registry.clock().nanoTime(), maskedFailure);
  }

  /** URL mode: the pool opened a physical connection through the driver. */
  public void connectionOpened() {
    urlMode.connectionOpened();
  }

  /** URL mode: the pool closed or aborted one of its physical connections. Call once per connection. */
  public void connectionClosed() {
    urlMode.connectionClosed();
  }

  /** URL mode: the real driver took {@code createNanos} to open a connection; reported once the name is final. */
  public void connectionCreated(long createNanos) {
    urlMode.connectionCreated(createNanos);
  }

  /** URL mode: reports the create times kept while the name was provisional. */
  public void flushCreates() {
    urlMode.flushCreates();
  }

  @Override
  public String toString() {
    return name;
  }
}
