package dev.leash.internal.jdbc;

import dev.leash.internal.pool.PoolAdapter;
import dev.leash.internal.track.Lease;
import dev.leash.internal.track.Pool;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.track.SiteFilter;

/**
 * Hooks for a physical connection that a pool opened through a {@code jdbc:leash:} URL (the Spring
 * Boot + HikariCP case where the user changed only the URL). The pool owns the connection, so it is
 * never a leak itself; each borrow is inferred instead, from the frames its adapter names
 * ({@link PoolAdapter.Frames}):
 *
 * <ul>
 *   <li>a borrow-level lease starts at the first call that application code makes on the connection
 *       (through the pool's proxy) after it came back to the pool, with that call's stack as the site;
 *   <li>it ends when the pool's return path calls {@code clearWarnings()}, or when the physical
 *       connection is closed or aborted.
 * </ul>
 *
 * A connection borrowed and never used is invisible in this mode (documented limit); the agent or
 * {@code LeashDataSource.wrap} see the borrow itself.
 */
final class PooledConnectionHooks implements ConnectionHooks {

  private final LeaseRegistry registry;
  private final Pool owner;
  private final PoolAdapter pool;
  private final SiteFilter filter;
  /** The pool whose connect opened this physical connection and counts it: {@link #owner}, but for a rare race. */
  private final Pool connected;
  private boolean namingTried;
  private java.util.Set<String> poolsBefore;
  private volatile Lease lease;
  private boolean physicalClosed;

  /**
   * @param owner the pool whose leases this connection's borrows are
   * @param connected the pool in URL mode ({@link Pool#urlMode}) that opened it and counts it
   * @param poolsBefore for a provisional owner, the pools of this kind whose threads were alive when this
   *     connection was opened ({@link PoolNaming#namesNow}); null otherwise
   */
  PooledConnectionHooks(Pool owner, PoolAdapter pool, Pool connected, java.util.Set<String> poolsBefore) {
    this.poolsBefore = poolsBefore;
    this.registry = owner.registry();
    this.owner = owner;
    this.pool = pool;
    this.connected = connected;
    this.filter = new SiteFilter(owner.config().siteExcludes());
  }

  @Override
  public void onConnectionCall() {
    Lease l = lease;
    if (l != null) {
      l.used();
    } else {
      beginIfApplication();
    }
  }

  @Override
  public void onExecuteStart() {
    Lease l = lease;
    if (l == null) {
      l = beginIfApplication();
    }
    if (l != null) {
      l.executeStarted();
    }
  }

  @Override
  public void onExecuteEnd() {
    Lease l = lease;
    if (l != null) {
      l.executeEnded();
    }
  }

  @Override
  public void onClearWarnings() {
    Lease l = lease;
    if (l != null && classify() == Callers.Use.POOL) {
      endLease(l, true);
    }
  }

  /** The pool closes the physical connection (eviction, shutdown): a borrow still open ends quietly. */
  @Override
  public void onClose() {
    Lease l = lease;
    if (l != null) {
      endLease(l, false);
    }
    physicalClosedOnce();
  }

  /** close() and abort() may both be called, or close() twice: the pool loses one connection once. */
  private synchronized void physicalClosedOnce() {
    if (!physicalClosed) {
      physicalClosed = true;
      connected.connectionClosed();
    }
  }

  @Override
  public void onAbort() {
    onClose();
  }

  private synchronized Lease beginIfApplication() {
    if (lease != null) {
      return lease;
    }
    if (classify() != Callers.Use.APPLICATION) {
      return null;
    }
    if (owner.provisional() && !namingTried) {
      namingTried = true; // once per physical connection: a thread enumeration is not for every borrow
      PoolNaming.fromNewPoolThreads(owner, pool, poolsBefore);
      poolsBefore = null;
    }
    connected.flushCreates();
    Lease held = registry.heldByCurrentThread(owner);
    // No holder object: the application holds the pool's proxy, which Leash never sees in URL mode.
    Lease l = registry.start(owner, null);
    lease = l;
    if (held != null && owner.capture().isStillRunning(held.capturedStack())) {
      // The pool's getConnection() is out of sight in this mode: the first use of a second connection shows the nesting.
      owner.nestedLeaseStarted(held, l);
    }
    return l;
  }

  /** Never throws into the JDBC call: if the stack cannot be read, track nothing for this call. */
  private Callers.Use classify() {
    try {
      return Callers.classify(pool, filter);
    } catch (RuntimeException | Error e) {
      return Callers.Use.TRACKED_ABOVE;
    }
  }

  private synchronized void endLease(Lease l, boolean returned) {
    if (lease == l) {
      lease = null;
    }
    if (returned) {
      registry.end(l);
    } else {
      registry.discard(l);
    }
  }
}
