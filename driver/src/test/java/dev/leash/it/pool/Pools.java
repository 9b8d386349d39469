package dev.leash.it.pool;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/** Real pools with a small maximum and a short acquisition timeout, as the exhaustion scenarios need them. */
enum Pools {
  HIKARI {
    @Override
    DataSource create(String name, String url, int max, long timeoutMs, Properties props, List<AutoCloseable> toClose) {
      HikariConfig c = new HikariConfig();
      c.setDataSourceProperties(props);
      c.setPoolName(name);
      c.setJdbcUrl(url);
      c.setMaximumPoolSize(max);
      c.setMinimumIdle(0);
      c.setConnectionTimeout(timeoutMs);
      c.setInitializationFailTimeout(-1); // start even when the database is down (the down-database scenario)
      HikariDataSource ds = new HikariDataSource(c);
      toClose.add(ds);
      return ds;
    }
  },
  DBCP2 {
    @Override
    DataSource create(String name, String url, int max, long timeoutMs, Properties props, List<AutoCloseable> toClose) {
      BasicDataSource ds = new BasicDataSource();
      props.stringPropertyNames().forEach(k -> ds.addConnectionProperty(k, props.getProperty(k)));
      ds.setUrl(url);
      ds.setMaxTotal(max);
      ds.setMaxWait(java.time.Duration.ofMillis(timeoutMs));
      toClose.add(ds);
      return ds;
    }
  },
  C3P0 {
    @Override
    DataSource create(String name, String url, int max, long timeoutMs, Properties props, List<AutoCloseable> toClose) {
      ComboPooledDataSource ds = new ComboPooledDataSource(name);
      ds.setProperties(props);
      ds.setJdbcUrl(url);
      ds.setMinPoolSize(0);
      ds.setInitialPoolSize(0);
      ds.setMaxPoolSize(max);
      ds.setCheckoutTimeout((int) timeoutMs);
      ds.setAcquireRetryAttempts(1);
      toClose.add(ds::close);
      return ds;
    }
  };

  /** A pool over {@code url}; {@code props} are its connection properties (Leash's keys in URL mode). */
  abstract DataSource create(String name, String url, int max, long timeoutMs, Properties props, List<AutoCloseable> toClose);

  DataSource create(String name, String url, int max, long timeoutMs, List<AutoCloseable> toClose) {
    return create(name, url, max, timeoutMs, new Properties(), toClose);
  }
}
