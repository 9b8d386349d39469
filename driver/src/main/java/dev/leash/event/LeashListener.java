package dev.leash.event;

/**
 * Receives what Leash observes. Implementations turn events into log lines, meters, JFR events or
 * MBean state. Every method has an empty default, so a listener implements only what it needs.
 *
 * <p>Threading: {@link #leaseStarted} and {@link #leaseEnded} run on the application thread on the
 * path of every {@code getConnection()}/{@code close()} — keep them allocation-free and fast.
 * {@link #leak} runs on Leash's watchdog thread. A listener that throws is caught, counted and
 * reported once; it never breaks a JDBC call.
 */
public interface LeashListener {

  /** Once per process, when Leash first sees a connection. */
  default void started(StartedEvent event) {}

  /** A lease began: a connection was handed to application code ({@code connection.acquired}). */
  default void leaseStarted(LeaseView lease) {}

  /**
   * A lease ended ({@code connection.released}).
   *
   * @param heldNanos how long the connection was held, in nanoseconds
   */
  default void leaseEnded(LeaseView lease, long heldNanos) {}

  /** A lease was suspected, seen busy, returned after suspicion, or confirmed leaked. */
  default void leak(LeakEvent event) {}

  /**
   * An acquisition ({@code getConnection()} of a tracked pool or data source) finished, on the
   * application thread. Only in modes that see acquisitions: {@code LeashDataSource} and the agent.
   *
   * @param pool the pool's name
   * @param waitNanos how long the call took, in nanoseconds
   * @param timedOut true when it failed with the pool's timeout
   */
  default void acquisitionEnded(String pool, long waitNanos, boolean timedOut) {}

  /**
   * The real driver opened a physical connection for the {@code jdbc:leash:} driver (URL mode), on the
   * thread that asked for it: a pool growing, or the application connecting directly.
   *
   * @param pool the name of the pool or URL the connection is for, as in {@link LeaseView#pool()}
   * @param createNanos how long the real driver's {@code connect} took, in nanoseconds
   */
  default void connectionCreated(String pool, long createNanos) {}

  /** A pool made a thread wait too long or ran dry. Delivered on Leash's reporting thread. */
  default void pool(PoolEvent event) {}

  /**
   * An ambient setting Leash could not use and goes on without ({@code leash.config.rejected}, WARN on
   * {@code leash.config}). Once per process per problem, on the thread that loaded the configuration.
   */
  default void configRejected(ConfigProblem problem) {}
}
