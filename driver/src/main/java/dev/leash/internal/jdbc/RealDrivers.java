package dev.leash.internal.jdbc;

import dev.leash.internal.util.Secrets;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the driver that accepts a real URL: {@code DriverManager} first, then the thread context class loader. */
public final class RealDrivers {

  private RealDrivers() {}

  /**
   * The real driver for {@code realUrl}.
   *
   * <p>{@code DriverManager} only offers drivers visible to Leash's own class loader; a Spring Boot
   * fat jar or an application server keeps drivers in a child loader, which is why the thread
   * context class loader's {@code ServiceLoader} is asked next.
   *
   * @throws SQLException naming the URL (masked) when no driver on the class path accepts it
   */
  public static Driver find(String realUrl) throws SQLException {
    try {
      Driver d = DriverManager.getDriver(realUrl);
      if (!isLeash(d)) {
        return d;
      }
    } catch (SQLException notRegistered) {
      // Try the context class loader below.
    }
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    if (tccl != null) {
      Driver d = fromServiceLoader(ServiceLoader.load(Driver.class, tccl), realUrl);
      if (d != null) {
        return d;
      }
    }
    throw new SQLException("No JDBC driver on the class path accepted '" + Secrets.maskUrl(realUrl)
        + "' (the URL after jdbc:leash:). Add the database's JDBC driver to the application, "
        + "or check the URL's subprotocol.", "08001");
  }

  private static Driver fromServiceLoader(ServiceLoader<Driver> loader, String url) {
    Iterator<Driver> it = loader.iterator();
    for (int tries = 0; tries < 1000; tries++) {
      Driver d;
      try {
        if (!it.hasNext()) {
          return null;
        }
        d = it.next();
      } catch (ServiceConfigurationError broken) {
        // One broken META-INF/services entry must not hide the others.
        continue;
      }
      try {
        if (!isLeash(d) && d.acceptsURL(url)) {
          return d;
        }
      } catch (SQLException | RuntimeException ignored) {
        // A driver that cannot even judge a URL is not the one we want.
      }
    }
    return null;
  }

  /** Leash's own driver (never the real one); other classes under dev.leash, such as tests' drivers, are real drivers. */
  private static boolean isLeash(Driver d) {
    return dev.leash.internal.track.StackCapture.isLeash(d.getClass().getName());
  }
}
