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

  private final String name;
  private final String db;
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
    this.name = name;
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
  public int openCount() {
    return open.get();
  }

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
    lastLostSite = lease.site();
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
          monitor(registry); // its demand window learns every lease's hold time from the start
          p = registry.registerUrlPool(this, acquireDescription, acquireMethods);
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
