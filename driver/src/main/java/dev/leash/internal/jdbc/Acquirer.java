package dev.leash.internal.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.event.PoolSnapshot;
import dev.leash.internal.track.CapturedStack;
import dev.leash.internal.track.Pool;
import dev.leash.internal.track.PoolGauge;
import dev.leash.internal.track.Snapshots;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The engine behind {@code LeashDataSource}: measures each {@code getConnection()} of the wrapped
 * data source (waiting threads, wait time, timeouts → pool reports) and turns each connection it hands
 * out into a lease. Exceptions from the pool reach the caller unchanged. Works with the runtime its
 * {@code LeashDataSource} handed it.
 */
public final class Acquirer {

  /** A call to the wrapped data source's {@code getConnection}. */
  public interface ConnectionCall {
    Connection get() throws SQLException;
  }

  private final Object dataSource;
  private final LeashConfig config;
  private final TrackingRuntime runtime;
  // Named from the pool once it has handed out a connection (HikariCP names itself when it starts);
  // until then a provisional owner, renamed in place so that every output uses the pool's own name.
  private volatile Pool owner;
  /** A mocked data source gives no leases: its connections are handed out untracked. */
  private final boolean testDouble;
  /** The pool adapter, looked up once: the lookup is a chain of class-name checks. */
  private volatile PoolGauge gauge;

  public Acquirer(Object dataSource, LeashConfig config, TrackingRuntime runtime) {
    this.dataSource = dataSource;
    this.config = config;
    this.runtime = runtime;
    this.testDouble = TestDoubles.isTestDoubleDataSource(dataSource);
  }

  /** Runs {@code call} as one tracked acquisition. */
  public Connection acquire(ConnectionCall call) throws SQLException {
    Pool provisional = currentOwner();
    // Captured here, one frame below the application's: the stack walk costs per frame it passes.
    CapturedStack stack = provisional == null ? null : provisional.capture().capture();
    TrackingMode mode = runtime.mode();
    // Under the agent, the pool's getConnection() below is instrumented: it must leave this borrow to us.
    boolean marked = mode.leashAcquireStarted();
    try {
      started();
      Pool timed = measured(provisional);
      long start = timed == null ? 0 : timed.acquireStarted();
      Connection real;
      try {
        real = call.get();
      } catch (SQLException | RuntimeException | Error e) {
        finalOwner(null);
        if (timed != null) {
          failed(timed, start, e);
        }
        throw e;
      }
      Pool named = finalOwner(real);
      // The wait's end is the lease's start: one clock read for both (0: not measured, the lease reads the clock).
      long handedOut = timed == null ? 0 : succeeded(timed, start);
      return Tracking.dataSourceConnection(runtime, real, TestDoubles.isTestDouble(real) ? null : named, stack, handedOut);
    } finally {
      mode.leashAcquireEnded(marked);
    }
  }

  /**
   * Announces {@code leash.started} and installs the outputs this configuration enables (meters, JFR) if
   * nothing did yet. {@code LeashDataSource.wrap} calls it, so that loading Micrometer and JFR happens while
   * the application starts rather than in its first {@code getConnection()}; every acquisition calls it
   * again (one volatile read), so the outputs measure the first one whatever happened before. Never throws.
   */
  public void started() {
    try {
      runtime.started("datasource", config);
    } catch (Throwable t) {
      // Tracking stands aside rather than fail the application's getConnection().
    }
  }

  /**
   * The pool as Leash sees it now, for {@code LeashDataSource.snapshot()}; never throws. Before the
   * first connection the pool's own counts are not known yet (-1).
   */
  public PoolSnapshot snapshot() {
    try {
      Pool o = currentOwner();
      if (o != null) {
        return Snapshots.of(o);
      }
    } catch (RuntimeException e) {
      // a snapshot is a courtesy to a monitoring page: an empty one beats an exception there
    }
    return new PoolSnapshot(String.valueOf(dataSource), null, System.currentTimeMillis(), 0, 0, -1, -1, -1,
        java.util.List.of(), 0, null, null, 0);
  }

  /** The owner for reports, or null if it cannot be made (tracking then stands aside). */
  public Pool currentOwner() {
    Pool o = owner;
    if (o != null || testDouble) {
      return o;
    }
    try {
      synchronized (this) {
        o = owner;
        if (o == null) {
          o = DataSourceNames.owner(runtime, dataSource, null, config);
          owner = o;
        }
      }
      return o;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The owner, named by the pool itself once its first getConnection() has started it. */
  private Pool finalOwner(Connection sample) {
    Pool o = owner;
    if (o != null && !o.settled()) {
      try {
        DataSourceNames.settle(o, dataSource, sample);
      } catch (RuntimeException e) {
        // Keep the stand-in name.
      }
    }
    return o;
  }

  /** {@code o} with its gauge set, to time this acquisition with; null if there is none (tracking stands aside). */
  private Pool measured(Pool o) {
    if (o == null) {
      return null;
    }
    try {
      PoolGauge g = gauge;
      if (g == null) {
        g = PoolGauges.forDataSource(dataSource);
        gauge = g;
      }
      if (o.gauge() != g) {
        o.gauge(g);
      }
      return o;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long succeeded(Pool m, long start) {
    try {
      return m.acquireSucceeded(start);
    } catch (RuntimeException e) {
      // Reporting must never turn a successful acquisition into a failure.
      return 0;
    }
  }

  private static void failed(Pool m, long start, Throwable t) {
    try {
      m.acquireFailed(start, t);
    } catch (RuntimeException e) {
      // The pool's own exception is what the application must see.
    }
  }
}
