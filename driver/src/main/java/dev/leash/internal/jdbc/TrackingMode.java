package dev.leash.internal.jdbc;

/**
 * Who tracks a borrow, in one place. Leash can get in three ways (the {@code jdbc:leash:} driver,
 * {@code LeashDataSource}, the agent), and an application may use two at once; each borrow must still be one
 * lease. One instance per runtime ({@link TrackingRuntime#mode()}), decided when the runtime's entry points
 * start, and asked by every layer that could see the same borrow:
 *
 * <ol>
 *   <li><b>The agent tracks pool borrows itself</b> ({@link #agentTracksBorrows()}, set once when the agent
 *       installs). It sees every {@code DataSource.getConnection()} and {@code Connection.close()}, so the
 *       {@code jdbc:leash:} driver must not also infer borrows from the calls on the physical connections a pool
 *       opens through it ({@link #driverInfersPoolBorrows()}): the same borrow would be counted twice.
 *   <li><b>A Leash entry point tracks its own acquisition</b>. {@code LeashDataSource.getConnection()} and
 *       {@code LeashDriver.connect} are never instrumented (the agent skips Leash's classes), but the pool or driver
 *       they call is, and that call is then the outermost one the agent sees on the thread. So the entry point
 *       marks its acquisition ({@link #leashAcquireStarted}) and the agent's hooks stand aside while it runs
 *       ({@link #leashAcquiring}). The mark is a per-thread depth, touched only when the agent is in the JVM: without
 *       it nobody asks, and the borrow path pays one field read instead of two {@code ThreadLocal} look-ups.
 *   <li><b>A connection that is already Leash's</b> ({@link #agentSkipsDriverConnection}): a driver that returns a
 *       {@code LeashConnection} as it is got it from {@code jdbc:leash:}, which tracks it; one a pool opens is the
 *       pool's, never a lease (the pool's borrows are).
 * </ol>
 *
 * One rule stays a stack inspection, because the fact is only visible at the connection's first use: a
 * {@code LeashDataSource} over a pool whose URL is {@code jdbc:leash:} ({@code Callers.Use.TRACKED_ABOVE}).
 */
public final class TrackingMode {

  private volatile boolean agentTracksBorrows;
  /** How many Leash entry points are acquiring on this thread; only kept while the agent is in the JVM. */
  private final ThreadLocal<int[]> leashAcquiring = ThreadLocal.withInitial(() -> new int[1]);

  /** Called once by the agent, before it instruments anything. */
  public void agentInstalled() {
    agentTracksBorrows = true;
  }

  /**
   * Called by the agent when it could not finish installing: the driver infers pool borrows again, since nobody
   * else will see them.
   */
  public void agentGone() {
    agentTracksBorrows = false;
  }

  /** True once the agent is in this JVM: it sees pool borrows and returns itself. */
  public boolean agentTracksBorrows() {
    return agentTracksBorrows;
  }

  /** Whether the {@code jdbc:leash:} driver infers the borrows of a pool that opens connections through it. */
  boolean driverInfersPoolBorrows() {
    return !agentTracksBorrows;
  }

  /**
   * A Leash entry point starts an acquisition it tracks itself; pass the result to {@link #leashAcquireEnded}
   * when it ends (a {@code finally}). Without the agent, nothing to mark: one volatile read.
   */
  public boolean leashAcquireStarted() {
    if (!agentTracksBorrows) {
      return false;
    }
    leashAcquiring.get()[0]++;
    return true;
  }

  /** The acquisition started with {@link #leashAcquireStarted} ended; {@code marked} is what that returned. */
  public void leashAcquireEnded(boolean marked) {
    if (marked) {
      leashAcquiring.get()[0]--;
    }
  }

  /** For the agent's hooks: a Leash entry point is acquiring on this thread and tracks that connection itself. */
  boolean leashAcquiring() {
    return agentTracksBorrows && leashAcquiring.get()[0] > 0;
  }

  /**
   * For the agent's driver hook: true if the connection an outermost {@code Driver.connect} returned is not
   * the application's lease to start here: Leash's own (already tracked), one opened inside a Leash entry point,
   * or one a pool is opening for itself.
   */
  boolean agentSkipsDriverConnection(Object connection) {
    return connection instanceof LeashConnection || leashAcquiring() || Callers.poolOpeningConnection() != null;
  }
}
