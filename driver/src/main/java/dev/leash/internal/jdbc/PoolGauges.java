package dev.leash.internal.jdbc;

import dev.leash.internal.pool.PoolAdapter;
import dev.leash.internal.pool.PoolAdapters;
import dev.leash.internal.track.PoolGauge;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads a pool's own counts (maximum, active, idle, waiting) by reflection, so that no pool becomes a
 * dependency of the driver: which getters each kind has is its adapter's to say ({@link PoolAdapter#counts}).
 * Each reads through a weak reference and answers -1 when the pool cannot tell (not started yet, metrics
 * off, or gone).
 */
public final class PoolGauges {

  private PoolGauges() {}

  /**
   * The gauge for {@code dataSource}, or {@link PoolGauge#UNKNOWN} for a data source Leash has no adapter
   * for. A pool's package is not enough: a pool's own helper data source (one that opens its physical
   * connections) is no pool, so the adapter applies only where the pool's maximum-size getter exists.
   */
  public static PoolGauge forDataSource(Object dataSource) {
    PoolAdapter pool = PoolAdapters.ofDataSource(dataSource);
    if (pool == null || pool.counts().max() == null) {
      return PoolGauge.UNKNOWN;
    }
    Reflective g = new Reflective(dataSource, pool.displayName(), pool.counts());
    return g.readsMaximum(dataSource.getClass()) ? g : PoolGauge.UNKNOWN;
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

    Reflective(Object pool, String kind, PoolAdapter.Counts counts) {
      this.pool = new WeakReference<>(pool);
      this.kind = kind;
      this.max = counts.max();
      this.active = counts.active();
      this.idle = counts.idle();
      this.waiting = counts.waiting();
      this.idleMax = counts.idleMax();
      this.idleMin = counts.idleMin();
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
