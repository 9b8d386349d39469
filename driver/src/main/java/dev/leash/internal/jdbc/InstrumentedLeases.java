package dev.leash.internal.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.Once;
import dev.leash.internal.util.Secrets;
import dev.leash.internal.track.CapturedStack;
import dev.leash.internal.track.Lease;
import dev.leash.internal.track.Pool;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.track.PoolGauge;
import dev.leash.internal.track.WeakIdentityMap;
import java.lang.ref.WeakReference;

/**
 * Lease tracking for connection objects Leash did not wrap: what the Java agent's advice calls when
 * it sees a pool's {@code getConnection()}, a driver's {@code connect}, or a connection's
 * {@code close()}. The same registry, events and reports as the wrappers, through the runtime the agent's
 * delegate hands in; the agent's configuration applies to the connections it tracks. Creating one starts
 * nothing: {@code leash.started} and the reporter (logging) come with the first tracked connection, never
 * inside {@code premain}.
 *
 * <p>Every method is called from instrumented application or pool code and never throws.
 */
public final class InstrumentedLeases {

  /** Data source → its {@link Pool}, or {@link #TEST_DOUBLE}. */
  private final WeakIdentityMap<Object> owners = new WeakIdentityMap<>();
  /** Statement → its connection, for statements of leased connections; entries go when the statement is collected. */
  private final WeakIdentityMap<WeakReference<Object>> statements = new WeakIdentityMap<>();
  /** Stands in {@link #owners} for a data source that is a test double (a mock): it gives no leases. */
  private static final Object TEST_DOUBLE = new Object();
  private final TrackingRuntime runtime;
  private final TrackingMode mode;
  private final LeashConfig config;
  private static final Once FAILURE_REPORTED = new Once();
  /**
   * The stack of this thread's outermost {@code getConnection()}, recorded by {@link #acquireStarted} and taken by
   * {@link #acquireEnded}. Recorded where the acquisition starts (three frames under the data source's method, the
   * wrapper records one under its own) because recording costs per frame: recorded when the lease started, it sat
   * under the pool's return path and the hooks' exit, seven frames deeper than the wrapper's (issue 21).
   */
  private static final ThreadLocal<CapturedStack[]> ACQUIRING_STACK = ThreadLocal.withInitial(() -> new CapturedStack[1]);

  /**
   * For the agent's delegate, once. Whether the agent tracks borrows is the agent's entry point's decision
   * ({@link TrackingMode#agentInstalled()}), not this class's: tests make one without it.
   */
  public InstrumentedLeases(TrackingRuntime runtime, LeashConfig config) {
    this.runtime = runtime;
    this.mode = runtime.mode();
    this.config = config;
  }

  /**
   * The outermost {@code getConnection()} of a data source is starting on this thread: records its stack for the
   * lease {@link #acquireEnded} starts, counts the thread as waiting (a known pool) and returns the ticket
   * ({@link Pool#acquireStarted}) for {@link #acquireEnded}, or 0 when not measured (a data source that is not a known pool, or a borrow a {@code LeashDataSource} measures itself).
   */
  public long acquireStarted(Object dataSource) {
    try {
      CapturedStack[] stack = ACQUIRING_STACK.get();
      stack[0] = null; // never another acquisition's
      if (mode.leashAcquiring()) {
        return 0;
      }
      Pool owner = ownerOf(dataSource, null);
      if (owner == null) {
        return 0;
      }
      stack[0] = owner.capture().capture();
      return measured(dataSource, owner) ? owner.acquireStarted() : 0;
    } catch (Throwable t) {
      reportOnce(t);
      return 0;
    }
  }

  /**
   * That {@code getConnection()} returned {@code connection} or threw {@code thrown}: ends the wait
   * measured since {@code start} (pool reports) and starts the lease.
   */
  public void acquireEnded(Object dataSource, long ticket, Object connection, Throwable thrown) {
    CapturedStack stack = takeAcquiringStack();
    if (ticket == 0) {
      otherDataSourceAcquired(dataSource, connection, stack);
      return;
    }
    // ticket != 0 only for a known pool (see acquireStarted): its pool exists and is timed, no LeashDataSource
    // is acquiring on this thread, and this is the application's borrow, never a pool filling itself.
    try {
      Pool owner = ownerOf(dataSource, connection);
      // Before anything is reported: the pool's getConnection() has just started the pool and named it.
      DataSourceNames.settle(owner, dataSource, null); // never the connection's metadata: see ownerOf
      if (thrown != null) {
        owner.acquireFailed(ticket, thrown);
      } else {
        owner.acquireSucceeded(ticket);
      }
      if (connection != null && !TestDoubles.isTestDouble(connection)) {
        startLease(owner, connection, stack);
      }
    } catch (Throwable t) {
      reportOnce(t);
    }
  }

  /** What {@link #acquireStarted} recorded on this thread (null if nothing), cleared. */
  private static CapturedStack takeAcquiringStack() {
    try {
      CapturedStack[] slot = ACQUIRING_STACK.get();
      CapturedStack stack = slot[0];
      slot[0] = null;
      return stack;
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * Data sources without an adapter, by class name: looking one up again would repeat the reflective search on
   * every getConnection(). Names, not classes, so that nothing pins a class loader; bounded.
   */
  private final java.util.Set<String> notPools = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Whether {@code owner} is a known pool (one Leash can read the counts of), whose acquisitions are timed; false
   * for any other data source.
   */
  private boolean measured(Object dataSource, Pool owner) {
    String type = dataSource.getClass().getName();
    if (notPools.contains(type)) {
      return false;
    }
    if (owner.gauge() == PoolGauge.UNKNOWN) {
      PoolGauge g = PoolGauges.forDataSource(dataSource);
      if (g == PoolGauge.UNKNOWN) {
        if (notPools.size() < 1024) {
          notPools.add(type);
        }
        return false;
      }
      owner.gauge(g);
    }
    return true;
  }

  /** A data source Leash measures no waits for returned {@code connection}: a lease, unless a pool is filling itself. */
  private void otherDataSourceAcquired(Object dataSource, Object connection, CapturedStack stack) {
    // A LeashConnection came from jdbc:leash: under a data source that is no pool (Spring's DriverManagerDataSource):
    // the driver already tracks it as a lease, and its close() is Leash's own, never woven, so a second lease here
    // would never end (TrackingMode, rule 3).
    if (connection == null || connection instanceof LeashConnection || mode.leashAcquiring()
        || TestDoubles.isTestDouble(connection)) {
      return;
    }
    try {
      Pool owner = ownerOf(dataSource, connection);
      if (owner == null) {
        return;
      }
      DataSourceNames.settle(owner, dataSource, null); // never the connection's metadata: see ownerOf
      if (Callers.poolBelowInstrumentedMethod(owner.capture().filter()) != null) {
        return; // a pool filling itself through a data source (HikariCP's DriverDataSource, c3p0's helper threads)
      }
      startLease(owner, connection, stack);
    } catch (Throwable t) {
      reportOnce(t);
    }
  }

  /** {@code stack}: recorded at the acquisition's start, or null to record it here. */
  private void startLease(Pool owner, Object connection, CapturedStack stack) {
    runtime.started("agent", config);
    runtime.registry().startIndexed(owner, connection, stack);
  }

  /**
   * The outermost {@code DriverManager.getConnection} or {@code Driver.connect} on this thread returned
   * {@code connection}: a lease, unless it is not the application's to take here
   * ({@link TrackingMode#agentSkipsDriverConnection}).
   */
  public void driverAcquired(Object connection, String url) {
    if (connection == null || TestDoubles.isTestDouble(connection)) {
      return;
    }
    try {
      if (mode.agentSkipsDriverConnection(connection)) {
        return;
      }
      String db = Secrets.maskUrl(String.valueOf(url));
      runtime.started("agent", config);
      runtime.registry().startIndexed(runtime.pools().of(db, db, config), connection);
    } catch (Throwable t) {
      reportOnce(t);
    }
  }

  /** {@code close()} or {@code abort()} was called on {@code connection}: its lease, if any, ends. */
  public void closed(Object connection) {
    if (!runtime.created()) {
      return;
    }
    try {
      LeaseRegistry r = runtime.registry();
      Lease lease = r.leaseOf(connection);
      if (lease != null) {
        r.end(lease);
      }
    } catch (Throwable t) {
      reportOnce(t);
    }
  }

  /**
   * {@code connection}'s {@code createStatement}/{@code prepareStatement}/{@code prepareCall} returned
   * {@code statement}. If the connection has a lease, remembers which connection the statement belongs to,
   * so that {@link #executeStarted} finds the lease without asking the statement: the agent never calls a
   * method on an application's object (a Mockito mock records every call, a proxy may do anything).
   */
  public void statementCreated(Object connection, Object statement) {
    if (statement == null || !runtime.created()) {
      return;
    }
    try {
      if (runtime.registry().leaseOf(connection) != null) {
        // The connection is held weakly: a statement kept by the application must not keep a leaked
        // connection from being collected (and reported as a confirmed leak).
        statements.put(statement, new WeakReference<>(connection));
      }
    } catch (Throwable t) {
      reportOnce(t);
    }
  }

  /**
   * {@code statement} starts executing; pair with {@link #executeEnded}. Returns the lease of its
   * connection (as {@link #statementCreated} learned it) to pass back, or null.
   */
  public Object executeStarted(Object statement) {
    if (!runtime.created()) {
      return null; // nothing is tracked yet
    }
    try {
      WeakReference<Object> ref = statements.get(statement);
      Object connection = ref == null ? null : ref.get();
      if (connection == null) {
        return null;
      }
      Lease lease = runtime.registry().leaseOf(connection);
      if (lease != null) {
        lease.executeStarted();
      }
      return lease;
    } catch (Throwable t) {
      reportOnce(t);
      return null;
    }
  }

  /** The statement started with {@link #executeStarted} finished; {@code token} is what that returned. */
  public void executeEnded(Object token) {
    if (token instanceof Lease) {
      ((Lease) token).executeEnded();
    }
  }

  /** The owner of {@code dataSource}'s leases, made once per data source; null for a test double (a mock). */
  private Pool ownerOf(Object dataSource, Object connection) {
    Object known = owners.get(dataSource);
    if (known != null) {
      return known == TEST_DOUBLE ? null : (Pool) known;
    }
    if (TestDoubles.isTestDoubleDataSource(dataSource)) {
      // Named by no getter: reading a mock's properties would record calls the test may verify.
      owners.putIfAbsent(dataSource, TEST_DOUBLE);
      return null;
    }
    // No sample connection for the URL: asking the application's connection for its metadata is a call the
    // application did not make (a mock or proxy would see it). The data source's own URL getter is enough.
    Object owner = owners.putIfAbsent(dataSource, DataSourceNames.owner(runtime, dataSource, null, config));
    return owner == TEST_DOUBLE ? null : (Pool) owner;
  }

  private static void reportOnce(Throwable t) {
    if (FAILURE_REPORTED.first()) {
      LastResort.print("agent tracking failed; the application continues untracked here (reported once): " + t);
    }
  }
}
