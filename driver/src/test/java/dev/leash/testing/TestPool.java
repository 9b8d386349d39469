package dev.leash.testing;

import com.mchange.v2.c3p0.C3P0ProxyConnection;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.beans.PropertyVetoException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.DelegatingConnection;

/**
 * The connection pools that users put in front of a driver, configured the way their users
 * typically do, plus what each one does to the JDBC objects it hands out.
 *
 * <p>HikariCP and DBCP2 are given only the URL (they find the driver through {@code DriverManager});
 * c3p0 and Tomcat JDBC are also given the driver class name, which makes Tomcat instantiate the
 * driver itself and bypass {@code DriverManager}. Every pool holds at most four connections.
 */
public enum TestPool {
  HIKARI(true, true, true) {
    @Override
    public DataSource open(String name, String url, String driverClassName) {
      HikariConfig config = new HikariConfig();
      config.setPoolName(name);
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(MAX_SIZE);
      config.setConnectionTimeout(5_000);
      return new HikariDataSource(config);
    }

    @Override
    public void close(DataSource dataSource) {
      ((HikariDataSource) dataSource).close();
    }

    @Override
    public Connection driverConnection(Connection pooled) throws SQLException {
      // HikariCP's ProxyConnection.unwrap returns its delegate when the delegate is an instance.
      return pooled.unwrap(Connection.class);
    }
  },

  DBCP2(true, true, true) {
    @Override
    public DataSource open(String name, String url, String driverClassName) {
      BasicDataSource dataSource = new BasicDataSource();
      dataSource.setUrl(url);
      dataSource.setMaxTotal(MAX_SIZE);
      dataSource.setMaxWait(java.time.Duration.ofSeconds(5));
      dataSource.setAccessToUnderlyingConnectionAllowed(true);
      return dataSource;
    }

    @Override
    public void close(DataSource dataSource) throws SQLException {
      ((BasicDataSource) dataSource).close();
    }

    @Override
    public Connection driverConnection(Connection pooled) {
      return ((DelegatingConnection<?>) pooled).getInnermostDelegate();
    }
  },

  C3P0(true, true, true) {
    @Override
    public DataSource open(String name, String url, String driverClassName) {
      ComboPooledDataSource dataSource = new ComboPooledDataSource();
      dataSource.setDataSourceName(name);
      dataSource.setJdbcUrl(url);
      try {
        dataSource.setDriverClass(driverClassName);
      } catch (PropertyVetoException e) {
        throw new IllegalArgumentException(driverClassName, e);
      }
      dataSource.setMinPoolSize(0);
      dataSource.setInitialPoolSize(1);
      dataSource.setMaxPoolSize(MAX_SIZE);
      dataSource.setCheckoutTimeout(5_000);
      // c3p0 otherwise retries a failing driver for 30 s before a checkout gives up.
      dataSource.setAcquireRetryAttempts(1);
      return dataSource;
    }

    @Override
    public void close(DataSource dataSource) {
      ((ComboPooledDataSource) dataSource).close();
    }

    @Override
    public Connection driverConnection(Connection pooled) throws SQLException {
      // c3p0 hides its inner connection; rawConnectionOperation passes it to a method of ours.
      try {
        Method identity = TestPool.class.getDeclaredMethod("identity", Connection.class);
        identity.setAccessible(true);
        return (Connection) ((C3P0ProxyConnection) pooled).rawConnectionOperation(
            identity, null, new Object[] {C3P0ProxyConnection.RAW_CONNECTION});
      } catch (ReflectiveOperationException e) {
        throw new SQLException(e);
      }
    }
  },

  TOMCAT_JDBC(false, false, false) {
    @Override
    public DataSource open(String name, String url, String driverClassName) {
      org.apache.tomcat.jdbc.pool.DataSource dataSource = new org.apache.tomcat.jdbc.pool.DataSource();
      dataSource.setName(name);
      dataSource.setUrl(url);
      dataSource.setDriverClassName(driverClassName);
      dataSource.setInitialSize(1);
      dataSource.setMinIdle(0);
      dataSource.setMaxIdle(MAX_SIZE);
      dataSource.setMaxActive(MAX_SIZE);
      dataSource.setMaxWait(5_000);
      return dataSource;
    }

    @Override
    public void close(DataSource dataSource) {
      ((org.apache.tomcat.jdbc.pool.DataSource) dataSource).close(true);
    }

    @Override
    public Connection driverConnection(Connection pooled) throws SQLException {
      // Tomcat's connection proxy also implements javax.sql.PooledConnection for exactly this.
      return ((PooledConnection) pooled).getConnection();
    }
  };

  /** The maximum pool size of every test pool. */
  public static final int MAX_SIZE = 4;

  private final boolean wrapsStatements;
  private final boolean wrapsMetaData;
  private final boolean unwrapsDeeply;

  TestPool(boolean wrapsStatements, boolean wrapsMetaData, boolean unwrapsDeeply) {
    this.wrapsStatements = wrapsStatements;
    this.wrapsMetaData = wrapsMetaData;
    this.unwrapsDeeply = unwrapsDeeply;
  }

  /**
   * Opens a pool named {@code name} over {@code url}. {@code driverClassName} is used only by the
   * pools that are configured with one (see the class comment).
   */
  public abstract DataSource open(String name, String url, String driverClassName);

  /** Closes a pool that {@link #open} returned, with every connection in it. */
  public abstract void close(DataSource dataSource) throws SQLException;

  /** The connection the driver returned, beneath the pool's own proxy {@code pooled}. */
  public abstract Connection driverConnection(Connection pooled) throws SQLException;

  /**
   * Whether the pool wraps statements (and their result sets) so that {@code
   * Statement.getConnection()} returns the pool's proxy. Tomcat JDBC does not by default: its
   * statements are the driver's, and answer with the driver's connection.
   */
  public boolean wrapsStatements() {
    return wrapsStatements;
  }

  /**
   * Whether the pool wraps {@code DatabaseMetaData} so that its {@code getConnection()} returns the
   * pool's proxy. Tomcat JDBC hands out the driver's metadata object.
   */
  public boolean wrapsMetaData() {
    return wrapsMetaData;
  }

  /**
   * Whether the pool's connection asks the driver's connection in {@code isWrapperFor}/{@code
   * unwrap}, so that a vendor class beneath a wrapping driver (Leash, P6Spy) is reachable from the
   * pool's proxy. Tomcat JDBC only checks the driver's connection itself: with any wrapping driver,
   * code must unwrap in two steps, {@code ((javax.sql.PooledConnection) c).getConnection().unwrap(..)}.
   */
  public boolean unwrapsDeeply() {
    return unwrapsDeeply;
  }

  @SuppressWarnings("unused") // called reflectively by C3P0.driverConnection
  private static Connection identity(Connection connection) {
    return connection;
  }
}
