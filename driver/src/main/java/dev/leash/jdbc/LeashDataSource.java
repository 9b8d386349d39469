package dev.leash.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.event.PoolSnapshot;
import dev.leash.internal.ConfigProblems;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.config.ConfigLoader;
import dev.leash.internal.jdbc.Acquirer;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that tracks every {@code getConnection()} → {@code close()} of the one it wraps,
 * typically a pool: {@code LeashDataSource.wrap(hikariDataSource)}. Each connection handed out is a
 * lease from that moment to its {@code close()}; a connection never closed is reported with the line
 * of code that took it.
 */
public final class LeashDataSource implements DataSource {

  private final DataSource delegate;
  private final Acquirer acquirer;
  /** Made once: a method reference made per call is an allocation the JIT does not remove (acquire is not inlined). */
  private final Acquirer.ConnectionCall getConnection;

  private LeashDataSource(DataSource delegate, LeashConfig config) {
    this.delegate = delegate;
    // The one look-up of the runtime for this data source: everything it creates is handed it.
    this.acquirer = new Acquirer(delegate, config, LeashRuntime.get());
    this.getConnection = delegate::getConnection;
  }

  /**
   * Wraps {@code dataSource} with the configuration from system properties, the environment and
   * {@code leash.properties} (see the README's configuration table). Never fails for that
   * configuration: a bad value or an unknown {@code leash.} key there is one WARN on {@code leash.config}
   * and the key keeps its default.
   */
  public static DataSource wrap(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    ConfigLoader.Result ambient = ConfigLoader.loadWithProblems(null);
    ConfigProblems.report(ambient.problems());
    return wrap(dataSource, ambient.config());
  }

  /**
   * Wraps {@code dataSource} with an explicit configuration (its builder has rejected any bad value).
   * Wrapping a LeashDataSource again returns it unchanged.
   */
  public static DataSource wrap(DataSource dataSource, LeashConfig config) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(config, "config");
    if (dataSource instanceof LeashDataSource) {
      return dataSource;
    }
    LeashDataSource wrapped = new LeashDataSource(dataSource, config);
    wrapped.acquirer.started();
    return wrapped;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return acquirer.acquire(getConnection);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return acquirer.acquire(() -> delegate.getConnection(username, password));
  }

  /**
   * The wrapped pool as Leash sees it now: its counts, who holds its connections (grouped by place, as
   * in the holders report) and the last {@code pool.exhausted} diagnosis, as data. For monitoring pages
   * (the Spring Boot starter's {@code /actuator/leash} reads it) and tools; it walks the open leases, so
   * call it on request, never on the path of every {@code getConnection()}. Never throws.
   */
  public PoolSnapshot snapshot() {
    return acquirer.snapshot();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "LeashDataSource[" + delegate + "]";
  }
}
