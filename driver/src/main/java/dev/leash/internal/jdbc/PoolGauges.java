package dev.leash.internal.jdbc;

import dev.leash.internal.track.PoolGauge;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads a pool's own counts (maximum, active, idle, waiting) by reflection, so that no pool becomes a
 * dependency of the driver: which getters each kind has is its {@link PoolKind}'s to say (HikariCP, DBCP2
 * and Tomcat's copy, c3p0, Tomcat JDBC, Agroal), plus H2's JdbcConnectionPool. Each reads through a weak reference and answers -1 when the
 * pool cannot tell (not started yet, metrics off, or gone).
 */
public final class PoolGauges {

  private PoolGauges() {}

  /**
   * The gauge for {@code dataSource}, or {@link PoolGauge#UNKNOWN} for a data source Leash has no adapter
   * for. A pool's package is not enough: HikariCP's own {@code DriverDataSource}, which opens its physical
   * connections, is no pool, so the adapter applies only where the pool's maximum-size getter exists.
   */
  public static PoolGauge forDataSource(Object dataSource) {
    PoolGauge g = byPackage(dataSource);
    if (g instanceof Reflective && !((Reflective) g).readsMaximum(dataSource.getClass())) {
      return PoolGauge.UNKNOWN;
    }
    return g;
  }

  /**
   * The adapter of the pool kind that owns {@code dataSource}'s class ({@link PoolKind#gauge}). H2's
   * {@code JdbcConnectionPool} is read here: it is no {@link PoolKind}, since H2's package is the H2 driver's
   * too, and a pool kind's classes on the stack mark a pool opening connections in URL mode.
   */
  private static PoolGauge byPackage(Object dataSource) {
    String cls = dataSource.getClass().getName();
    if (cls.equals("org.h2.jdbcx.JdbcConnectionPool")) {
      return new Reflective(dataSource, "H2 pool", "getMaxConnections", "getActiveConnections", null, null);
    }
    PoolKind kind = PoolKind.owning(cls);
    PoolGauge g = kind == null ? null : kind.gauge(dataSource);
    return g != null ? g : PoolGauge.UNKNOWN;
  }

  /**
   * Reads each count through a dotted chain of public no-argument getters. Methods are looked up on
   * every read, not cached: reads are rare (reports, metric scrapes), and a cache of Method objects
   * would pin the pool's class loader after a web-app redeploy.
   */
  static final class Reflective implements PoolGauge {

    private final WeakReference<Object> pool;
    private final String kind;
    private final String max;
    private final String active;
    private final String idle;
    private final String waiting;
    private final String idleMax;
    private final String idleMin;

    Reflective(Object pool, String kind, String max, String active, String idle, String waiting) {
      this(pool, kind, max, active, idle, waiting, null, null);
    }

    private Reflective(Object pool, String kind, String max, String active, String idle, String waiting,
        String idleMax, String idleMin) {
      this.pool = new WeakReference<>(pool);
      this.kind = kind;
      this.max = max;
      this.active = active;
      this.idle = idle;
      this.waiting = waiting;
      this.idleMax = idleMax;
      this.idleMin = idleMin;
    }

    /**
     * The getters of the pool's idle bounds (null where the pool has none; c3p0's and Agroal's minimum
     * sizes bound all connections, not idle ones).
     */
    Reflective idleBounds(String idleMaxGetter, String idleMinGetter) {
      return new Reflective(pool.get(), kind, max, active, idle, waiting, idleMaxGetter, idleMinGetter);
    }

    @Override
    public int max() {
      return read(max);
    }

    @Override
    public int idleMax() {
      return read(idleMax);
    }

    @Override
    public int idleMin() {
      return read(idleMin);
    }

    /** Whether {@code type} has the first getter of the maximum-size chain. */
    boolean readsMaximum(Class<?> type) {
      return accessible(type, max.split("\\.")[0]) != null;
    }

    @Override
    public int active() {
      return read(active);
    }

    @Override
    public int idle() {
      return read(idle);
    }

    @Override
    public int waiting() {
      return read(waiting);
    }

    @Override
    public String kind() {
      return kind;
    }

    private int read(String path) {
      Object target = pool.get();
      if (path == null || target == null) {
        return -1;
      }
      try {
        for (String name : path.split("\\.")) {
          if (target == null) {
            return -1;
          }
          target = method(target.getClass(), name).invoke(target);
        }
        return target instanceof Number ? ((Number) target).intValue() : -1;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return -1;
      }
    }

    /** A public, accessible method named {@code name}: implementation classes are often not public, their interfaces are. */
    private static Method method(Class<?> c, String name) throws NoSuchMethodException {
      Method found = accessible(c, name);
      if (found == null) {
        throw new NoSuchMethodException(c.getName() + '.' + name);
      }
      return found;
    }

    private static Method accessible(Class<?> c, String name) {
      for (Class<?> k = c; k != null; k = k.getSuperclass()) {
        if (Modifier.isPublic(k.getModifiers())) {
          try {
            return k.getMethod(name);
          } catch (NoSuchMethodException e) {
            // keep looking
          }
        }
        for (Class<?> i : k.getInterfaces()) {
          Method m = accessible(i, name);
          if (m != null) {
            return m;
          }
        }
      }
      return null;
    }
  }
}
