package dev.leash.internal.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.internal.pool.PoolAdapter;
import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.Notice;
import dev.leash.internal.util.Once;
import dev.leash.internal.util.Secrets;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.track.Pool;
import java.sql.Connection;

/**
 * Decides how a new connection is tracked and wraps it, with the runtime the entry point hands in (who else
 * tracks borrows is its {@link TrackingMode}). Never throws: if tracking itself fails, the application still
 * gets a working (untracked) connection, and the failure is reported once.
 */
public final class Tracking {

  private static final Once FAILURE_REPORTED = new Once();

  private Tracking() {}

  /**
   * One physical connect by the {@code jdbc:leash:} driver: which pool, if any, is opening it (one stack
   * walk per connect, shared by {@link #driverConnectEnded} and {@link #driverConnection}), and for a pool
   * tracked in URL mode its {@link Pool}.
   */
  public static final class Opening {
    private final PoolAdapter pool;
    /** The pool tracked in URL mode ({@link Pool#urlMode}) that is connecting, or null. */
    private final Pool urlPool;
    /** What {@link TrackingMode#leashAcquireStarted} said: the agent stands aside until the connect ends. */
    private final boolean marked;

    private Opening(PoolAdapter pool, Pool urlPool, boolean marked) {
      this.pool = pool;
      this.urlPool = urlPool;
      this.marked = marked;
    }
  }

  /**
   * The driver is about to open a connection. A pool tracked in URL mode that cannot open connections, or
   * opens them slowly, has a database problem, evidence for {@code database_unavailable}: its connects are
   * counted from here to {@link #driverConnectEnded}, which must follow (a {@code finally}): under the agent the
   * connect is marked as Leash's own until then. Returns null if Leash could not tell who is connecting.
   * Never throws.
   */
  public static Opening driverConnectStarting(TrackingRuntime runtime, String realUrl, LeashConfig config) {
    boolean marked = false;
    try {
      TrackingMode mode = runtime.mode();
      marked = mode.leashAcquireStarted();
      PoolAdapter pool = Callers.poolOpeningConnection();
      if (pool == null || !pool.frames().returnsRecognised() || !mode.driverInfersPoolBorrows()) {
        return new Opening(pool, null, marked);
      }
      Pool urlPool = urlMode(pooledOwner(runtime, pool, Secrets.maskUrl(realUrl), config), pool);
      urlPool.connectStarted();
      return new Opening(pool, urlPool, marked);
    } catch (Throwable t) {
      reportOnce(t);
      runtime.mode().leashAcquireEnded(marked);
      return null;
    }
  }

  /** The connect started by {@link #driverConnectStarting} ended; {@code failure} is null if it succeeded. Never throws. */
  public static void driverConnectEnded(TrackingRuntime runtime, Opening opening, Throwable failure) {
    if (opening == null) {
      return;
    }
    try {
      runtime.mode().leashAcquireEnded(opening.marked);
      if (opening.urlPool != null) {
        opening.urlPool.connectEnded(failure == null ? null : Secrets.maskUrl(String.valueOf(failure.getMessage())));
      }
    } catch (Throwable t) {
      reportOnce(t);
    }
  }

  /**
   * A connection just opened by the {@code jdbc:leash:} driver. If a pool is opening it, the pool owns
   * it and borrows are inferred ({@link PooledConnectionHooks}); otherwise the application took it
   * directly and the lease is the connection's whole life.
   *
   * @param createNanos how long the real driver took to open {@code real}, for the create-time meter
   * @param opening what {@link #driverConnectStarting} found, or null to look again
   */
  public static Connection driverConnection(TrackingRuntime runtime, Connection real, String realUrl, LeashConfig config,
      long createNanos, Opening opening) {
    if (TestDoubles.isTestDouble(real)) {
      return new LeashConnection(real, ConnectionHooks.NONE); // a mocked driver's connection: never a lease
    }
    try {
      LeaseRegistry registry = runtime.registry();
      runtime.started("driver", config);
      String db = Secrets.maskUrl(realUrl);
      PoolAdapter pool = opening != null ? opening.pool : Callers.poolOpeningConnection();
      if (pool == null) {
        Pool owner = runtime.pools().of(db, db, config);
        registry.connectionCreated(owner, createNanos);
        return LeaseHooks.track(real, registry, owner, null);
      }
      if (!runtime.mode().driverInfersPoolBorrows()) {
        // The agent sees this pool's getConnection()/close() itself; inferring borrows here would count them twice.
        return new LeashConnection(real, ConnectionHooks.NONE);
      }
      Pool owner = pooledOwner(runtime, pool, db, config);
      if (!pool.frames().returnsRecognised()) {
        registry.connectionCreated(owner, createNanos);
        registry.noticeOnce("untracked:" + pool, Notice.poolReturnsUnseen(pool.displayName()));
        return new LeashConnection(real, ConnectionHooks.NONE);
      }
      // The pool whose connect this was counts the physical connection: the same pool as the leases', unless the
      // look-up gave another meanwhile (the pool said its name in JMX while connecting).
      Pool connected = opening != null && opening.urlPool != null ? opening.urlPool : urlMode(owner, pool);
      PoolNaming.fromThisThread(owner, pool);
      // Still no name: the pool is starting on this thread; its own threads, named after it, come next.
      java.util.Set<String> poolsBefore = owner.provisional() ? PoolNaming.namesNow(pool) : null;
      connected.connectionCreated(createNanos);
      connected.connectionOpened();
      return new LeashConnection(real, new PooledConnectionHooks(owner, pool, connected, poolsBefore));
    } catch (Throwable t) {
      reportOnce(t);
      return new LeashConnection(real, ConnectionHooks.NONE);
    }
  }

  /**
   * The owner of the connections a pool opens through {@code db} (masked): one per pool kind, URL and
   * configuration. Named after the pool when it says its name in JMX (DBCP2's {@code jmxName}), as in the
   * other modes; else {@code HikariCP <db>} until the pool's own name is seen ({@link PoolNaming}).
   */
  private static Pool pooledOwner(TrackingRuntime runtime, PoolAdapter pool, String db, LeashConfig config) {
    String own = PoolNaming.fromJmx(pool, db);
    if (own != null) {
      return runtime.pools().of(own, db, config);
    }
    return runtime.pools().of(pool.displayName() + " " + db, db, config, !pool.naming().threadSuffixes().isEmpty());
  }

  /** {@code owner}, in URL mode from now on (the first call per pool sets it up; later ones return at once). */
  private static Pool urlMode(Pool owner, PoolAdapter pool) {
    owner.urlMode(pool.displayName() + " getConnection()", pool.frames().acquire());
    return owner;
  }

  /**
   * A connection handed out by a {@code LeashDataSource}: one lease from here to close(), starting at
   * {@code handedOutNanos} (the registry clock's reading when the pool returned it; 0: read it now).
   */
  static Connection dataSourceConnection(TrackingRuntime runtime, Connection real, Pool owner,
      dev.leash.internal.track.CapturedStack stack, long handedOutNanos) {
    if (owner == null) {
      return new LeashConnection(real, ConnectionHooks.NONE);
    }
    try {
      // leash.started was already announced by the Acquirer, the only caller.
      return LeaseHooks.track(real, runtime.registry(), owner, stack, handedOutNanos);
    } catch (Throwable t) {
      reportOnce(t);
      return new LeashConnection(real, ConnectionHooks.NONE);
    }
  }

  private static void reportOnce(Throwable t) {
    if (FAILURE_REPORTED.first()) {
      LastResort.print("could not track a connection; it works untracked (reported once): " + t);
    }
  }
}
