package dev.leash.internal.jdbc;

import dev.leash.internal.Secrets;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/** What a data source is called in reports: its pool name and database URL (masked), read through the getters pools have. */
public final class DataSourceNames {

  private DataSourceNames() {}

  /** HikariCP {@code getPoolName}, c3p0 {@code getDataSourceName}, Tomcat JDBC {@code getName}; else the class's simple name. */
  public static String poolName(Object dataSource) {
    String name = stringProperty(dataSource, "getPoolName", "getDataSourceName", "getName");
    return name != null ? name : dataSource.getClass().getSimpleName();
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
    return url == null ? "(unknown)" : Secrets.maskUrl(url);
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
