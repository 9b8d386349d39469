package dev.leash.reliability;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A driver and a data source whose connections fail at {@code close()}, as a broken driver's might. */
final class FakeJdbc {
  private FakeJdbc() {}

  /** A connection that does nothing, except that close() and abort() throw. */
  static Connection failingClose() {
    return (Connection) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, m, args) -> {
          switch (m.getName()) {
            case "close":
              throw new SQLException("fake close failed", "08006");
            case "abort":
              throw new SQLException("fake abort failed", "08006");
            case "isClosed":
            case "isWrapperFor":
              return false;
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            case "toString":
              return "FakeConnection";
            default:
              return m.getReturnType() == boolean.class ? Boolean.FALSE : m.getReturnType() == int.class ? 0 : null;
          }
        });
  }

  /** URL prefix {@code jdbc:fakeclose:}. */
  static final class FailingCloseDriver implements Driver {
    @Override
    public Connection connect(String url, Properties info) {
      return acceptsURL(url) ? failingClose() : null;
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith("jdbc:fakeclose:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 1;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }
  }

  /** A data source of failing-close connections; its URL (read by Leash for reports) carries a marker. */
  public static final class FailingCloseDataSource implements DataSource {
    private final String url;

    FailingCloseDataSource(String marker) {
      this.url = "jdbc:fakeclose:" + marker;
    }

    public String getUrl() {
      return url;
    }

    @Override
    public Connection getConnection() {
      return failingClose();
    }

    @Override
    public Connection getConnection(String username, String password) {
      return failingClose();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
