package dev.leash.it.pool;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/** Real pools with a small maximum and a short acquisition timeout, as the exhaustion scenarios need them. */
enum Pools {
  HIKARI {
    @Override
    DataSource create(String name, String url, int max, long timeoutMs, List<AutoCloseable> toClose) {
      HikariConfig c = new HikariConfig();
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
    DataSource create(String name, String url, int max, long timeoutMs, List<AutoCloseable> toClose) {
      BasicDataSource ds = new BasicDataSource();
      ds.setUrl(url);
      ds.setMaxTotal(max);
      ds.setMaxWait(java.time.Duration.ofMillis(timeoutMs));
      toClose.add(ds);
      return ds;
    }
  },
  C3P0 {
    @Override
    DataSource create(String name, String url, int max, long timeoutMs, List<AutoCloseable> toClose) {
      ComboPooledDataSource ds = new ComboPooledDataSource(name);
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

  abstract DataSource create(String name, String url, int max, long timeoutMs, List<AutoCloseable> toClose);
}
