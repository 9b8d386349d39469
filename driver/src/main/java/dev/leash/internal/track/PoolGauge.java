package dev.leash.internal.track;

/**
 * What a pool says about itself (HikariCP's MXBean, DBCP2's counters, ...), read through a small
 * adapter per pool. Every method returns -1 when the pool does not tell. Adapters hold their pool
 * weakly, so a gauge never keeps a pool alive.
 *
 * <p>Not a second copy of {@link dev.leash.internal.pool.PoolAdapter.Counts}: {@code Counts} is data about a kind
 * of pool (the names of the getters to call, fixed per adapter), a gauge is one live pool's numbers now. The
 * wait monitor reads numbers only, never reflects; {@code PoolGauges} turns a data source and its adapter's
 * {@code Counts} into a gauge, and tests hand the monitor fixed numbers with no pool behind them.
 */
public interface PoolGauge {

  /** Returned by every method when the pool is unknown or gone. */
  PoolGauge UNKNOWN = new PoolGauge() {};

  /** Maximum number of connections. */
  default int max() {
    return -1;
  }

  /** Connections borrowed right now. */
  default int active() {
    return -1;
  }

  /** Connections idle in the pool right now. */
  default int idle() {
    return -1;
  }

  /** The most idle connections the pool keeps (DBCP2's and Tomcat JDBC's {@code maxIdle}). */
  default int idleMax() {
    return -1;
  }

  /** The fewest idle connections the pool keeps (HikariCP's {@code minimumIdle}, DBCP2's {@code minIdle}). */
  default int idleMin() {
    return -1;
  }

  /** Threads the pool itself counts as waiting. */
  default int waiting() {
    return -1;
  }

  /** A name for reports, such as {@code HikariCP}. */
  default String kind() {
    return "pool";
  }
}
