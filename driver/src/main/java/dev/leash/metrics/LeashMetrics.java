package dev.leash.metrics;

import dev.leash.internal.metrics.MetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Leash's Micrometer meters, named after the OpenTelemetry database-client connection-pool semantic
 * conventions (v1.44.0, {@code model/db/metrics.yaml}), one set per pool (tag
 * {@code db.client.connection.pool.name}; the older {@code pool.name} and {@code state} are deprecated there):
 *
 * <ul>
 *   <li>{@code db.client.connection.count} (gauge, tag {@code db.client.connection.state} = {@code used} |
 *       {@code idle}): connections
 *       in use (the pool's own count where Leash has an adapter, else Leash's open leases); {@code idle} only
 *       for pools that report it (HikariCP, DBCP2, c3p0, Tomcat JDBC, Agroal through {@code LeashDataSource}).
 *   <li>{@code db.client.connection.max} (gauge): the pool's maximum size, for pools that report it.
 *   <li>{@code db.client.connection.idle.max} / {@code db.client.connection.idle.min} (gauges): the pool's
 *       bounds on idle connections, where it has them (DBCP2 and Tomcat JDBC both, HikariCP {@code minimumIdle}).
 *   <li>{@code db.client.connection.pending_requests} (gauge): threads waiting in {@code getConnection()}.
 *   <li>{@code db.client.connection.timeouts} (counter): acquisitions that failed with the pool's timeout.
 *   <li>{@code db.client.connection.create_time} (timer): the real driver's {@code connect} in URL mode.
 *   <li>{@code db.client.connection.wait_time} (timer): every {@code getConnection()} Leash sees
 *       ({@code LeashDataSource}), successful or not.
 *   <li>{@code db.client.connection.use_time} (timer): how long each lease was held, acquisition to close.
 *   <li>{@code leash.leaks} (counter, tag {@code kind} = {@code suspected} | {@code confirmed}).
 * </ul>
 *
 * <p>Timers record in Micrometer's base unit (seconds in every registry that exports one). The
 * OpenTelemetry units of the other meters are annotations ({@code {connection}}) that exporters drop, so
 * they carry no Micrometer base unit and export under their plain names
 * ({@code db_client_connection_count} in Prometheus).
 *
 * <p>Leash binds one instance to {@code Metrics.globalRegistry} by itself at its first connection unless
 * {@code leash.metrics=false}; Spring Boot feeds that registry into its own by default. Bind to another
 * registry with {@code new LeashMetrics().bindTo(registry)}; binding one registry twice has no effect.
 * Meters of all bound registries are fed by one listener on Leash's process-wide event stream, so
 * {@code leash.metrics=false} (in the first configuration Leash sees) stops them all.
 *
 * <p>Cardinality is bounded: pool names are the only variable tag, and meters are created for at most
 * {@value #MAX_POOLS} distinct pool names per process. Gauges read pools through weak references and
 * never keep a pool alive.
 */
public final class LeashMetrics implements MeterBinder {

  /** The tag naming the pool, on every meter. */
  public static final String POOL_NAME_TAG = MetricsListener.POOL_NAME_TAG;

  /** The tag of {@code db.client.connection.count}: {@code used} or {@code idle}. */
  public static final String STATE_TAG = MetricsListener.STATE_TAG;

  /** Meters are created for at most this many distinct pool names. */
  public static final int MAX_POOLS = MetricsListener.MAX_POOLS;

  private final boolean percentileHistograms;

  /** Meters without percentile histograms (a {@code MeterFilter} can still turn them on). */
  public LeashMetrics() {
    this(false);
  }

  /**
   * @param percentileHistograms true to publish percentile histograms for the three timers (for
   *     Prometheus' {@code histogram_quantile}); a registry's {@code MeterFilter} may still override
   */
  public LeashMetrics(boolean percentileHistograms) {
    this.percentileHistograms = percentileHistograms;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    MetricsListener.INSTANCE.bind(registry, percentileHistograms);
  }
}
