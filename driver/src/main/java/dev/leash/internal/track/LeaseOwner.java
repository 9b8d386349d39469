package dev.leash.internal.track;

import dev.leash.config.LeashConfig;
import dev.leash.event.PoolView;

/**
 * What leases are taken from: one pool, data source, or driver URL. Carries the configuration that
 * applies to its leases and the stack capture built from it. Holds no reference to the pool or data
 * source itself, so tracking never keeps one alive; the pool's own counts are read through its
 * monitor's {@link PoolGauge}, which holds the pool weakly.
 */
public final class LeaseOwner implements PoolView {

  private volatile String name;
  /** Named by Leash until the pool says its own name (a pool that names itself when it starts). */
  private volatile boolean provisional;
  /** Set once naming is over (see {@link #settled()}); until then, attempts left. */
  private volatile boolean settled;
  private int settleAttempts;
  /** Whether the registry lists this owner among its tracked pools (for dumps). */
  volatile boolean listed;
  private volatile String db;
  private final LeashConfig config;
  private final StackCapture capture;
  private final String[] contextKeys;
  private final long leakThresholdNanos;
  private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
  private volatile PoolMonitor monitor;
  private volatile UrlPool urlPool;
  private final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
  private volatile String lastLostSite;

  public LeaseOwner(String name, String db, LeashConfig config) {
    this(name, db, config, false);
  }

  /**
   * @param provisional true when {@code name} is Leash's stand-in until the pool's own name is known
   *     ({@link #rename}); a provisional owner must not be shared between pools
   */
  public LeaseOwner(String name, String db, LeashConfig config, boolean provisional) {
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
   * Whether this owner's name and URL are final, so that callers stop asking the pool (a reflective call)
   * on every acquisition. Owners that are neither provisional nor of unknown URL are settled from the start.
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
   * whose connections do not say their URL) the owner keeps what it has, so the attempts stay bounded.
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

  /** The {@code db} of an owner whose data source does not say its URL. */
  public static final String UNKNOWN_DB = "(unknown)";

  /**
   * Whether this owner stands for connections opened straight from a driver (no pool, no data source):
   * such an owner is named after its URL, which no data source's name ever is.
   */
  public boolean driverDirect() {
    return !provisional && name.equals(db);
  }

  /** Database URL with secrets masked ({@code db} key). */
  public String db() {
    return db;
  }

  public LeashConfig config() {
    return config;
  }

  public StackCapture capture() {
    return capture;
  }

  /** {@code leash.context.keys}: the MDC keys each lease of this owner copies; empty when off. Never modify. */
  String[] contextKeys() {
    return contextKeys;
  }

  /** {@code leash.leak.threshold} in nanoseconds; {@code Long.MAX_VALUE} when leak detection is off. */
  long leakThresholdNanos() {
    return leakThresholdNanos;
  }

  /** Open leases of this owner right now. */
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
    PoolMonitor m = monitor;
    return m != null && m.gauge() != PoolGauge.UNKNOWN;
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

  private PoolGauge gauge() {
    PoolMonitor m = monitor;
    return m == null ? PoolGauge.UNKNOWN : m.gauge();
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
   * A lease of this owner was garbage-collected without close(): for a pool, a connection lost for
   * good. Not a normal lease end, so it stays out of the hold-time statistics.
   */
  void leaseLost(Lease lease) {
    open.decrementAndGet();
    lost.incrementAndGet();
    lastLostSite = lease.where();
  }

  /** Connections of this owner whose holder was garbage-collected without close(). */
  public int lostCount() {
    return lost.get();
  }

  /** The site of the most recent lost connection, or null. */
  public String lastLostSite() {
    return lastLostSite;
  }

  /** The acquisition monitor of this owner, created on first use (only modes that see acquisitions need one). */
  public PoolMonitor monitor(LeaseRegistry registry) {
    PoolMonitor m = monitor;
    if (m == null) {
      synchronized (this) {
        m = monitor;
        if (m == null) {
          m = new PoolMonitor(this, registry);
          monitor = m;
        }
      }
    }
    return m;
  }

  /**
   * URL mode: this owner's pool as the driver sees it, registered with {@code registry} on first use so
   * the watchdog can look for threads waiting on it.
   */
  public UrlPool urlPool(LeaseRegistry registry, String acquireDescription, java.util.List<String> acquireMethods) {
    UrlPool p = urlPool;
    if (p == null) {
      synchronized (this) {
        p = urlPool;
        if (p == null) {
          // The monitor first: its demand window learns every lease's hold time from the start.
          PoolMonitor m = monitor(registry);
          p = registry.registerUrlPool(m, acquireDescription, acquireMethods);
          m.acquireFrames(p::isAcquireFrame);
          urlPool = p;
        }
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return name;
  }
}
