package dev.leash.internal.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.CapturedStack;
import dev.leash.internal.track.LeaseOwner;
import dev.leash.internal.track.PoolGauge;
import dev.leash.internal.track.PoolMonitor;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The engine behind {@code LeashDataSource}: measures each {@code getConnection()} of the wrapped
 * data source (waiting threads, wait time, timeouts → pool reports) and turns each connection it hands
 * out into a lease. Exceptions from the pool reach the caller unchanged.
 */
public final class Acquirer {

  /** A call to the wrapped data source's {@code getConnection}. */
  public interface ConnectionCall {
    Connection get() throws SQLException;
  }

  private final Object dataSource;
  private final LeashConfig config;
  // Named from the pool once it has handed out a connection (HikariCP names itself when it starts);
  // until then a provisional owner named from what the pool says before starting.
  private volatile LeaseOwner owner;
  private volatile boolean ownerFinal;
  /** The pool adapter, looked up once: the lookup is a chain of class-name checks. */
  private volatile PoolGauge gauge;

  public Acquirer(Object dataSource, LeashConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  /** Runs {@code call} as one tracked acquisition. */
  public Connection acquire(ConnectionCall call) throws SQLException {
    LeaseOwner provisional = currentOwner();
    // Captured here, one frame below the application's: the stack walk costs per frame it passes.
    CapturedStack stack = provisional == null ? null : provisional.capture().capture();
    Tracking.leashDataSourceAcquireStarted();
    try {
      started();
      PoolMonitor monitor = monitor(provisional);
      long start = monitor == null ? 0 : monitor.acquireStarted();
      Connection real;
      try {
        real = call.get();
      } catch (SQLException | RuntimeException | Error e) {
        if (monitor != null) {
          failed(monitor, start, e);
        }
        throw e;
      }
      if (monitor != null) {
        succeeded(monitor, start);
      }
      return Tracking.dataSourceConnection(real, finalOwner(real), stack);
    } finally {
      Tracking.leashDataSourceAcquireEnded();
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
      LeashRuntime.started("datasource", config);
    } catch (Throwable t) {
      // Tracking stands aside rather than fail the application's getConnection().
    }
  }

  /** The owner for reports, or null if it cannot be made (tracking then stands aside). */
  public LeaseOwner currentOwner() {
    LeaseOwner o = owner;
    if (o != null) {
      return o;
    }
    try {
      o = Tracking.owner(DataSourceNames.poolName(dataSource), DataSourceNames.databaseUrl(dataSource, null), config);
      owner = o;
      return o;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private LeaseOwner finalOwner(Connection sample) {
    if (ownerFinal) {
      return owner;
    }
    try {
      LeaseOwner o = Tracking.owner(DataSourceNames.poolName(dataSource), DataSourceNames.databaseUrl(dataSource, sample), config);
      owner = o;
      ownerFinal = true;
      return o;
    } catch (RuntimeException e) {
      return owner;
    }
  }

  private PoolMonitor monitor(LeaseOwner o) {
    if (o == null) {
      return null;
    }
    try {
      PoolMonitor m = o.monitor(LeashRuntime.registry());
      PoolGauge g = gauge;
      if (g == null) {
        g = PoolGauges.forDataSource(dataSource);
        gauge = g;
      }
      if (m.gauge() != g) {
        m.gauge(g);
      }
      return m;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void succeeded(PoolMonitor m, long start) {
    try {
      m.acquireSucceeded(start);
    } catch (RuntimeException e) {
      // Reporting must never turn a successful acquisition into a failure.
    }
  }

  private static void failed(PoolMonitor m, long start, Throwable t) {
    try {
      m.acquireFailed(start, t);
    } catch (RuntimeException e) {
      // The pool's own exception is what the application must see.
    }
  }
}
