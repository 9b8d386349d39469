package dev.leash.jdbc;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import dev.leash.internal.ConfigProblems;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.config.ConfigLoader;
import dev.leash.internal.jdbc.JdbcUrls;
import dev.leash.internal.jdbc.RealDrivers;
import dev.leash.internal.jdbc.Tracking;
import dev.leash.internal.jdbc.TrackingRuntime;
import dev.leash.internal.util.LastResort;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:leash:} proxy driver. Put {@code leash:} after {@code jdbc:} in any JDBC URL
 * ({@code jdbc:leash:postgresql://db/shop}); the rest of the URL and every connection property not
 * starting with {@code leash.} go to the real driver untouched, and every connection comes back
 * wrapped so that Leash knows who took it, where, and whether it was returned.
 *
 * <p>Registered with {@link DriverManager} when the class loads and through
 * {@code META-INF/services/java.sql.Driver}; frameworks that need a driver class name
 * ({@code spring.datasource.driver-class-name}) get this one.
 */
public final class LeashDriver implements Driver {

  /** The instance this class registered with {@code DriverManager}, for {@link #deregister()}. */
  private static volatile LeashDriver registered;

  static {
    try {
      LeashDriver d = new LeashDriver();
      DriverManager.registerDriver(d);
      registered = d;
    } catch (SQLException e) {
      // DriverManager never throws here in practice; failing to register must not fail class loading.
      LastResort.print("could not register LeashDriver with DriverManager: " + e);
    }
  }

  /** The runtime this driver hands to every connection it wraps; asking for it creates nothing yet. */
  private final TrackingRuntime runtime = LeashRuntime.get();

  /** Public for {@code ServiceLoader} and for frameworks that instantiate drivers by class name. */
  public LeashDriver() {}

  /**
   * Removes the driver this class registered from {@code DriverManager}. Call it when the class loader
   * that loaded Leash is being discarded (a web application's {@code ServletContextListener.contextDestroyed},
   * an OSGi bundle stop), like {@code org.h2.Driver.unload()}: {@code DriverManager} holds every
   * registered driver strongly, so otherwise the old class loader and all its classes stay in memory
   * after a redeploy. {@code DriverManager} lets only code from the driver's own class loader
   * deregister it, which is why this method exists. It also unregisters Leash's JMX MBean if this copy of
   * Leash registered it (the platform MBean server would keep that loader too). Harmless if called twice.
   */
  public static void deregister() {
    LeashRuntime.undeploy();
    LeashDriver d = registered;
    registered = null;
    if (d != null) {
      try {
        DriverManager.deregisterDriver(d);
      } catch (SQLException | RuntimeException e) {
        LastResort.print("could not deregister LeashDriver from DriverManager: " + e);
      }
    }
  }

  /**
   * Opens a connection through the real driver and wraps it.
   *
   * @return null for a URL that does not start with {@code jdbc:leash:} (the JDBC rule, so that
   *     {@code DriverManager} asks the next driver)
   * @throws SQLException for a null URL (the JDBC contract)
   * @throws SQLException from the real driver unchanged; or Leash's own, naming what was wrong, for a
   *     malformed Leash URL, a bad {@code leash.} connection property, or no real driver for the URL (a bad
   *     system property, environment variable or {@code leash.properties} entry is a warning, never this)
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null) {
      // The JDBC contract: SQLException for a null URL (a null return means "not my URL").
      throw new SQLException("The URL is null; a Leash URL is jdbc:leash: followed by the real driver's URL without "
          + "its jdbc:, for example jdbc:leash:postgresql://host/db", "08001");
    }
    if (!acceptsURL(url)) {
      return null;
    }
    String realUrl = JdbcUrls.realUrl(url);
    Properties driverProps = new Properties();
    Properties leashProps = new Properties();
    split(info, driverProps, leashProps);
    LeashConfig config;
    try {
      // Connection properties are explicit (an error); the ambient sources only warn, once per process.
      ConfigLoader.Result loaded = ConfigLoader.loadWithProblems(leashProps);
      ConfigProblems.report(loaded.problems());
      config = loaded.config();
    } catch (LeashConfigException e) {
      throw new SQLException(e.getMessage(), "HY024", e);
    }
    Driver real = RealDrivers.find(realUrl);
    // A pool that cannot open connections, or opens them slowly, has a database problem, not a pool problem.
    // From here to driverConnectEnded the connect is Leash's own: the agent, if present, leaves it to us.
    Tracking.Opening opening = Tracking.driverConnectStarting(runtime, realUrl, config);
    long start = System.nanoTime();
    Connection connection;
    try {
      connection = real.connect(realUrl, driverProps);
    } catch (Throwable e) { // every throwable, even a checked one a driver sneaks out: the connect must end here,
      // or this thread keeps the agent's mark for good and the agent stops tracking its borrows
      Tracking.driverConnectEnded(runtime, opening, e);
      throw e;
    }
    long createNanos = System.nanoTime() - start;
    Tracking.driverConnectEnded(runtime, opening, connection == null ? new SQLException("declined") : null);
    if (connection == null) {
      throw new SQLException("The JDBC driver " + real.getClass().getName() + " declined '"
          + dev.leash.internal.util.Secrets.maskUrl(realUrl) + "' (the URL after jdbc:leash:)", "08001");
    }
    return Tracking.driverConnection(runtime, connection, realUrl, config, createNanos, opening);
  }

  private static void split(Properties info, Properties driverProps, Properties leashProps) {
    if (info == null) {
      return;
    }
    for (String key : info.stringPropertyNames()) {
      (key.startsWith(ConfigKey.PREFIX) ? leashProps : driverProps).setProperty(key, info.getProperty(key));
    }
    // Non-string values (rare, but legal in Properties) go to the real driver as they are.
    for (Object key : info.keySet()) {
      if (!(key instanceof String) || !(info.get(key) instanceof String)) {
        driverProps.put(key, info.get(key));
      }
    }
  }

  /** True exactly for URLs that start with {@code jdbc:leash:}. */
  @Override
  public boolean acceptsURL(String url) {
    return JdbcUrls.isLeashUrl(url);
  }

  /** The real driver's properties followed by Leash's own keys. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return new DriverPropertyInfo[0];
    }
    String realUrl = JdbcUrls.realUrl(url);
    List<DriverPropertyInfo> all = new ArrayList<>(Arrays.asList(RealDrivers.find(realUrl).getPropertyInfo(realUrl, info)));
    for (ConfigKey<?> k : ConfigKey.values()) {
      DriverPropertyInfo p = new DriverPropertyInfo(k.key(), info == null ? null : info.getProperty(k.key()));
      p.description = "Leash: " + k.meaning() + " (default " + (k.defaultValue().isEmpty() ? "none" : k.defaultValue()) + ")";
      all.add(p);
    }
    return all.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** False: compliance is the real driver's, which this class cannot know before a URL is given. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Leash logs through SLF4J, not java.util.logging");
  }
}
