package dev.leash.internal.jdbc;

import dev.leash.internal.pool.PoolAdapter;
import dev.leash.internal.pool.PoolAdapters;
import dev.leash.internal.track.Pool;
import dev.leash.internal.util.Secrets;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/** What a data source is called in reports: its pool name and database URL (masked), read through the getters pools have. */
public final class DataSourceNames {

  private DataSourceNames() {}

  /** The name the pool gives itself ({@link #ownName}); else the class's simple name. */
  public static String poolName(Object dataSource) {
    String name = ownName(dataSource);
    return name != null ? name : dataSource.getClass().getSimpleName();
  }

  /**
   * The name the pool gives itself, or null while it has none (HikariCP's is null until the pool starts):
   * read through the getters its adapter names ({@link PoolAdapter.Naming#getters}), or, for a data source
   * no adapter owns (a pool's subclass in the application's package), every pool's getters.
   */
  public static String ownName(Object dataSource) {
    return stringProperty(dataSource, nameGetters(dataSource));
  }

  private static String[] nameGetters(Object dataSource) {
    PoolAdapter pool = PoolAdapters.ofDataSource(dataSource);
    return (pool != null ? pool.naming().getters() : PoolAdapters.allNameGetters()).toArray(new String[0]);
  }

  private static boolean hasGetter(Object target, String... getters) {
    for (String getter : getters) {
      try {
        if (target.getClass().getMethod(getter).getReturnType() == String.class) {
          return true;
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
        // Try the next getter.
      }
    }
    return false;
  }

  /**
   * An owner for {@code dataSource}'s leases: shared per name when the pool has named itself, else a
   * provisional one of its own, to {@link #settle} once the pool has started.
   */
  static Pool owner(TrackingRuntime runtime, Object dataSource, Connection sample, dev.leash.config.LeashConfig config) {
    String own = ownName(dataSource);
    String db = databaseUrl(dataSource, sample);
    if (own != null) {
      return runtime.pools().of(own, db, config);
    }
    String standIn = dataSource.getClass().getSimpleName();
    if (!hasGetter(dataSource, nameGetters(dataSource))) {
      return runtime.pools().of(standIn, db, config); // it never names itself: the class name is final
    }
    return new Pool(runtime.registry(), standIn, db, config, true);
  }

  /**
   * A provisional owner takes the pool's own name once the pool has one (after its first getConnection()),
   * and an owner whose data source did not say its URL learns it from {@code sample}'s metadata.
   */
  static void settle(Pool owner, Object dataSource, Connection sample) {
    if (owner.settled()) {
      return;
    }
    if (owner.provisional()) {
      owner.rename(ownName(dataSource));
    }
    if (sample != null && Pool.UNKNOWN_DB.equals(owner.db())) {
      owner.learnDb(databaseUrl(dataSource, sample));
    }
    owner.settleAttempted();
  }

  /** The URL from {@code getJdbcUrl}/{@code getUrl}/{@code getURL}, else from the connection's metadata; masked. */
  public static String databaseUrl(Object dataSource, Connection sample) {
    String url = stringProperty(dataSource, "getJdbcUrl", "getUrl", "getURL");
    if (url == null && sample != null) {
      try {
        url = sample.getMetaData().getURL();
      } catch (SQLException | RuntimeException e) {
        url = null;
      }
    }
    return url == null ? Pool.UNKNOWN_DB : Secrets.maskUrl(url);
  }

  private static String stringProperty(Object target, String... getters) {
    for (String getter : getters) {
      try {
        Method m = target.getClass().getMethod(getter);
        if (m.getReturnType() == String.class) {
          Object v = m.invoke(target);
          if (v != null && !v.toString().isBlank()) {
            return v.toString();
          }
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
        // Try the next getter.
      }
    }
    return null;
  }
}
