package dev.leash.internal.metrics;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolView;
import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.Once;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The one listener that turns Leash's events into the meters of every registry a
 * {@code dev.leash.metrics.LeashMetrics} was bound to. Attached to Leash's event stream by Leash's
 * runtime, and only after it checked that Micrometer is on the class path; applications use
 * {@code LeashMetrics}, which calls {@link #bind} (the public binder depends on this class, never the reverse).
 *
 * <p>Per event the cost is one map look-up per bound registry and a timer or counter update.
 */
public final class MetricsListener implements LeashListener {

  /** The tag naming the pool, on every meter (published as {@code LeashMetrics.POOL_NAME_TAG}). */
  public static final String POOL_NAME_TAG = "db.client.connection.pool.name";

  /** The tag of {@code db.client.connection.count} (published as {@code LeashMetrics.STATE_TAG}). */
  public static final String STATE_TAG = "db.client.connection.state";

  /** Meters are created for at most this many distinct pool names (published as {@code LeashMetrics.MAX_POOLS}). */
  public static final int MAX_POOLS = 100;

  /** The one instance: all bound registries share its per-pool state. */
  public static final MetricsListener INSTANCE = new MetricsListener();

  private static final String POOL_NAME = POOL_NAME_TAG;
  private static final String STATE = STATE_TAG;
  private static final int OPTIONAL_GAUGE_ATTEMPTS = 5;

  /** Pool name → what is known about the pool, shared by all bindings; at most {@link #MAX_POOLS}. */
  private final ConcurrentHashMap<String, PoolState> pools = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Binding> bindings = new CopyOnWriteArrayList<>();
  private final Once capReported = new Once();

  private MetricsListener() {}

  /**
   * Binds the default meters to {@code Metrics.globalRegistry} and returns the listener to attach.
   * Called by Leash's runtime after checking that Micrometer is present; this class is the first one
   * it loads that mentions a Micrometer type.
   */
  public static LeashListener installGlobal() {
    // Loads the meter classes now, before the first lease begins, so that no lease pays for it.
    new PoolMeters(new SimpleMeterRegistry(), new PoolState("leash-warm-up"), true).useTime.record(1, TimeUnit.NANOSECONDS);
    INSTANCE.bind(Metrics.globalRegistry, false); // as new LeashMetrics().bindTo(globalRegistry)
    return INSTANCE;
  }

  /**
   * Feeds {@code registry} from now on (and creates its meters for the pools already seen); binding one
   * registry twice has no effect. Called by {@code LeashMetrics.bindTo}.
   */
  public synchronized void bind(MeterRegistry registry, boolean percentileHistograms) {
    for (Binding b : bindings) {
      if (b.registry.get() == registry) {
        return;
      }
    }
    Binding binding = new Binding(registry, percentileHistograms);
    bindings.add(binding);
    for (PoolState s : pools.values()) {
      binding.meters(s);
    }
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    PoolState s = state(lease.pool());
    if (s == null) {
      return;
    }
    s.see(lease.poolView());
    for (Binding b : bindings) {
      b.meters(s);
    }
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    PoolState s = state(lease.pool());
    if (s == null) {
      return;
    }
    for (Binding b : bindings) {
      PoolMeters m = b.meters(s);
      if (m != null) {
        m.useTime.record(heldNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  @Override
  public void acquisitionEnded(String pool, long waitNanos, boolean timedOut) {
    PoolState s = state(pool);
    if (s == null) {
      return;
    }
    for (Binding b : bindings) {
      PoolMeters m = b.meters(s);
      if (m != null) {
        m.waitTime.record(waitNanos, TimeUnit.NANOSECONDS);
        if (timedOut) {
          m.timeouts.increment();
        }
      }
    }
  }

  @Override
  public void connectionCreated(String pool, long createNanos) {
    PoolState s = state(pool);
    if (s == null) {
      return;
    }
    for (Binding b : bindings) {
      PoolMeters m = b.meters(s);
      if (m != null) {
        m.createTime.record(createNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  @Override
  public void leak(LeakEvent event) {
    boolean suspected = event.kind() == LeakEvent.Kind.SUSPECTED;
    if (!suspected && event.kind() != LeakEvent.Kind.CONFIRMED) {
      return;
    }
    PoolState s = state(event.pool());
    if (s == null) {
      return;
    }
    for (Binding b : bindings) {
      PoolMeters m = b.meters(s);
      if (m != null) {
        (suspected ? m.leaksSuspected : m.leaksConfirmed).increment();
      }
    }
  }

  /** The state of {@code pool}, created on first sight; null past the cap or for a null name. */
  private PoolState state(String pool) {
    if (pool == null) {
      return null;
    }
    PoolState s = pools.get(pool);
    if (s != null) {
      return s;
    }
    if (pools.size() >= MAX_POOLS) {
      if (capReported.first()) {
        LastResort.print("more than " + MAX_POOLS + " pool names; no meters are created for the others (reported once)");
      }
      return null;
    }
    return pools.computeIfAbsent(pool, PoolState::new);
  }

  /** What the gauges of one pool name read: the views of its owners, held weakly. */
  static final class PoolState {
    final String name;
    private final CopyOnWriteArrayList<WeakReference<PoolView>> views = new CopyOnWriteArrayList<>();
    private volatile PoolView lastSeen;

    PoolState(String name) {
      this.name = name;
    }

    /** Remembers {@code view}; a reference comparison when it is the one seen last (the usual case). */
    void see(PoolView view) {
      if (view == null || view == lastSeen) {
        return;
      }
      synchronized (this) {
        boolean known = false;
        for (Iterator<WeakReference<PoolView>> it = views.iterator(); it.hasNext(); ) {
          PoolView v = it.next().get();
          if (v == view) {
            known = true;
          } else if (v == null) {
            views.removeIf(r -> r.get() == null);
          }
        }
        if (!known && views.size() < 16) {
          views.add(new WeakReference<>(view));
        }
        lastSeen = view;
      }
    }

    boolean poolCountsKnown() {
      for (WeakReference<PoolView> r : views) {
        PoolView v = r.get();
        if (v != null && v.poolCountsKnown()) {
          return true;
        }
      }
      return false;
    }

    /** The pool's own active count where one owner knows it, else the sum of Leash's open leases. */
    double used() {
      int active = -1;
      int leases = 0;
      boolean any = false;
      for (WeakReference<PoolView> r : views) {
        PoolView v = r.get();
        if (v != null) {
          any = true;
          leases += v.openLeases();
          if (v.poolCountsKnown()) {
            active = Math.max(active, v.active());
          }
        }
      }
      return !any ? Double.NaN : active >= 0 ? active : leases;
    }

    double idle() {
      return poolCount(PoolView::idle);
    }

    double max() {
      return poolCount(PoolView::max);
    }

    double idleMax() {
      return poolCount(PoolView::idleMax);
    }

    double idleMin() {
      return poolCount(PoolView::idleMin);
    }

    /** Leash's own count of waiting threads, or the pool's when that is higher (threads Leash cannot see). */
    double pending() {
      int leash = 0;
      int pool = -1;
      boolean any = false;
      for (WeakReference<PoolView> r : views) {
        PoolView v = r.get();
        if (v != null) {
          any = true;
          leash += v.waiting();
          if (v.poolCountsKnown()) {
            pool = Math.max(pool, v.poolWaiting());
          }
        }
      }
      return any ? Math.max(leash, pool) : Double.NaN;
    }

    /** A count only the pool knows: owners sharing a name share a pool, so the largest answer wins. */
    private double poolCount(ToDoubleFunction<PoolView> read) {
      double best = -1;
      for (WeakReference<PoolView> r : views) {
        PoolView v = r.get();
        if (v != null && v.poolCountsKnown()) {
          best = Math.max(best, read.applyAsDouble(v));
        }
      }
      return best >= 0 ? best : Double.NaN;
    }
  }

  /** One registry's meters, per pool name. The registry is held weakly: dropping it drops the binding. */
  private final class Binding {
    final WeakReference<MeterRegistry> registry;
    final boolean percentileHistograms;
    final ConcurrentHashMap<String, PoolMeters> meters = new ConcurrentHashMap<>();

    Binding(MeterRegistry registry, boolean percentileHistograms) {
      this.registry = new WeakReference<>(registry);
      this.percentileHistograms = percentileHistograms;
    }

    /** The meters of {@code s} in this registry, created on first use; null once the registry is gone. */
    PoolMeters meters(PoolState s) {
      PoolMeters m = meters.get(s.name);
      if (m == null) {
        MeterRegistry r = registry.get();
        if (r == null || r.isClosed()) {
          bindings.remove(this);
          return null;
        }
        m = meters.computeIfAbsent(s.name, n -> new PoolMeters(r, s, percentileHistograms));
      }
      if (m.optionalPending) {
        m.registerOptionalGauges(registry.get(), s);
      }
      return m;
    }
  }

  /** The meters of one pool in one registry. */
  static final class PoolMeters {
    final Timer useTime;
    final Timer waitTime;
    final Timer createTime;
    final Counter timeouts;
    final Counter leaksSuspected;
    final Counter leaksConfirmed;
    private final Tags tags;
    volatile boolean optionalPending = true;
    private int optionalAttempts;

    PoolMeters(MeterRegistry r, PoolState s, boolean histograms) {
      tags = Tags.of(POOL_NAME, s.name);
      Gauge.builder("db.client.connection.count", s, PoolState::used)
          .description("The number of connections that are currently in state described by the state attribute")
          .tags(tags).tag(STATE, "used").strongReference(true).register(r);
      Gauge.builder("db.client.connection.pending_requests", s, PoolState::pending)
          .description("The number of current pending requests for an open connection")
          .tags(tags).strongReference(true).register(r);
      timeouts = Counter.builder("db.client.connection.timeouts")
          .description("The number of connection timeouts that have occurred trying to obtain a connection from the pool")
          .tags(tags).register(r);
      createTime = timer(r, "db.client.connection.create_time", "The time it took to create a new connection", histograms);
      waitTime = timer(r, "db.client.connection.wait_time", "The time it took to obtain an open connection from the pool", histograms);
      useTime = timer(r, "db.client.connection.use_time", "The time between borrowing a connection and returning it to the pool", histograms);
      leaksSuspected = leaks(r, "suspected");
      leaksConfirmed = leaks(r, "confirmed");
    }

    private Timer timer(MeterRegistry r, String name, String description, boolean histograms) {
      return Timer.builder(name).description(description).tags(tags)
          .publishPercentileHistogram(histograms ? Boolean.TRUE : null)
          .register(r);
    }

    private Counter leaks(MeterRegistry r, String kind) {
      return Counter.builder("leash.leaks")
          .description("Connections suspected leaked (held idle past leash.leak.threshold) or confirmed leaked (garbage-collected without close)")
          .tags(tags).tag("kind", kind).register(r);
    }

    /**
     * Idle, max and the idle bounds exist only for pools that report them. Whether one does is known
     * once a pool adapter is attached and the pool has started; checked on events until then, with
     * reflective reads only on the few attempts after the adapter appears. A pool without an idle bound
     * (HikariCP has no maximum idle) never gets that gauge.
     */
    synchronized void registerOptionalGauges(MeterRegistry r, PoolState s) {
      if (!optionalPending || r == null || !s.poolCountsKnown()) {
        return;
      }
      boolean idle = optionalGauge(r, s, "db.client.connection.count", PoolState::idle,
          "The number of connections that are currently in state described by the state attribute", "idle");
      boolean max = optionalGauge(r, s, "db.client.connection.max", PoolState::max,
          "The maximum number of open connections allowed", null);
      optionalGauge(r, s, "db.client.connection.idle.max", PoolState::idleMax,
          "The maximum number of idle open connections allowed", null);
      optionalGauge(r, s, "db.client.connection.idle.min", PoolState::idleMin,
          "The minimum number of idle open connections allowed", null);
      if ((idle && max) || ++optionalAttempts >= OPTIONAL_GAUGE_ATTEMPTS) {
        optionalPending = false;
      }
    }

    /** Registers the gauge when the pool answers now (registering an existing one is a no-op); true if it exists. */
    private boolean optionalGauge(MeterRegistry r, PoolState s, String name, ToDoubleFunction<PoolState> read,
        String description, String state) {
      if (Double.isNaN(read.applyAsDouble(s))) {
        return false;
      }
      Gauge.Builder<PoolState> b = Gauge.builder(name, s, read).description(description).tags(tags).strongReference(true);
      if (state != null) {
        b.tag(STATE, state);
      }
      b.register(r);
      return true;
    }
  }
}
