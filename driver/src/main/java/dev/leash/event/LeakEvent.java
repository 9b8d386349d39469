package dev.leash.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable report about one lease that outlived {@code leash.leak.threshold}, or that was
 * garbage-collected without being closed. Emitted from Leash's watchdog thread, never from the
 * application's.
 */
public final class LeakEvent {

  /** What happened to the lease; each maps to one event name of PRODUCT.md. */
  public enum Kind {
    /** {@code connection.leak.suspected}: older than the threshold and idle. */
    SUSPECTED("connection.leak.suspected"),
    /** {@code connection.held.busy}: older than the threshold but inside a statement. */
    HELD_BUSY("connection.held.busy"),
    /** {@code connection.leak.returned}: a suspected lease was closed after all. */
    RETURNED("connection.leak.returned"),
    /** {@code connection.leak.confirmed}: the connection was garbage-collected without close(). */
    CONFIRMED("connection.leak.confirmed");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    /** The event name used in logs, e.g. {@code connection.leak.suspected}. */
    public String eventName() {
      return eventName;
    }
  }

  /**
   * For {@link Kind#CONFIRMED}: what the pool said about its in-use count when the collection was seen,
   * which is all Leash knows about the connection behind the collected handle.
   */
  public enum PoolState {
    /** Not a confirmed leak, or the data source is not a pool whose counts Leash can read (or it is gone). */
    NOT_KNOWN,
    /** A connection opened straight from the driver, no pool: the physical connection itself was never closed. */
    NO_POOL,
    /** The pool counts more connections in use than Leash's open leases explain: it has not got this one back. */
    STILL_IN_USE,
    /** The pool counts no more connections in use than the open leases: it closed or reclaimed this one itself. */
    RECLAIMED
  }

  private final Kind kind;
  private final long leaseId;
  private final String pool;
  private final String db;
  private final String threadName;
  private final String site;
  private final String path;
  private final List<StackTraceElement> stack;
  private final long heldMillis;
  private final long idleMillis;
  private final boolean threadAlive;
  private final Map<String, String> context;
  private final PoolState poolState;
  private final int poolInUse;
  private final int openLeases;

  public LeakEvent(Kind kind, LeaseView lease, long heldMillis, long idleMillis, boolean threadAlive) {
    this(kind, lease, heldMillis, idleMillis, threadAlive, PoolState.NOT_KNOWN, -1, -1);
  }

  /**
   * @param poolState for a confirmed leak, what the pool's counts said when the collection was seen
   * @param poolInUse the pool's own in-use count then, or -1
   * @param openLeases Leash's open leases of that pool then, or -1
   */
  public LeakEvent(Kind kind, LeaseView lease, long heldMillis, long idleMillis, boolean threadAlive,
      PoolState poolState, int poolInUse, int openLeases) {
    this.kind = Objects.requireNonNull(kind);
    this.leaseId = lease.id();
    this.pool = lease.pool();
    this.db = lease.db();
    this.threadName = lease.threadName();
    this.site = lease.site();
    this.path = lease.path();
    this.stack = lease.stack();
    this.heldMillis = heldMillis;
    this.idleMillis = idleMillis;
    this.threadAlive = threadAlive;
    this.context = lease.context();
    this.poolState = Objects.requireNonNull(poolState);
    this.poolInUse = poolInUse;
    this.openLeases = openLeases;
  }

  public Kind kind() {
    return kind;
  }

  public long leaseId() {
    return leaseId;
  }

  public String pool() {
    return pool;
  }

  public String db() {
    return db;
  }

  public String threadName() {
    return threadName;
  }

  /** {@code com.shop.Dao.load(Dao.java:57)}. */
  public String site() {
    return site;
  }

  /** The helper path ({@code Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88)}), or null when the site has one caller. */
  public String path() {
    return path;
  }

  /** What a report names: the path when there is one, else the site. */
  public String where() {
    return path != null ? path : site;
  }

  /** This lease's own acquisition stack (immutable, possibly empty). */
  public List<StackTraceElement> stack() {
    return stack;
  }

  /** How long the connection had been held when this was decided, in milliseconds. */
  public long heldMillis() {
    return heldMillis;
  }

  /** How long no JDBC call had been seen on it, in milliseconds (resolution: the watchdog's tick). */
  public long idleMillis() {
    return idleMillis;
  }

  /** Whether the thread that took the connection was still alive. */
  public boolean threadAlive() {
    return threadAlive;
  }

  /**
   * The request that took the connection: the {@code leash.context.keys} MDC values at acquisition
   * ({@code trace_id} → {@code 4bf92f35...}), in key order; empty when none was set.
   */
  public Map<String, String> context() {
    return context;
  }

  /** For a confirmed leak: whether the pool still counts the connection in use ({@link PoolState}). */
  public PoolState poolState() {
    return poolState;
  }

  /** The pool's in-use count when a confirmed leak was seen, or -1 when not known. */
  public int poolInUse() {
    return poolInUse;
  }

  /** Leash's open leases of the pool when a confirmed leak was seen, or -1 when not known. */
  public int openLeases() {
    return openLeases;
  }

  @Override
  public String toString() {
    return kind.eventName() + "{lease=" + leaseId + ", pool=" + pool + ", site=" + site + ", held_ms=" + heldMillis + "}";
  }
}
