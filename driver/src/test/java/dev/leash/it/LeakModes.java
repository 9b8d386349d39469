package dev.leash.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.UrlDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/** How each mode builds its data source for the leak-detection suite. */
final class LeakModes {
  private LeakModes() {}

  static HikariDataSource hikari(String url, Properties props, List<AutoCloseable> toClose) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setMaximumPoolSize(10);
    c.setDataSourceProperties(props);
    HikariDataSource ds = new HikariDataSource(c);
    toClose.add(ds);
    return ds;
  }

  static BasicDataSource dbcp2(String url, Properties props, List<AutoCloseable> toClose) {
    BasicDataSource ds = new BasicDataSource();
    ds.setUrl(url);
    ds.setMaxTotal(10);
    props.stringPropertyNames().forEach(k -> ds.addConnectionProperty(k, props.getProperty(k)));
    toClose.add(ds);
    return ds;
  }

  static Properties threshold(Duration d) {
    Properties p = new Properties();
    p.setProperty("leash.leak.threshold", d.toMillis() + "ms");
    return p;
  }

  static LeashConfig config(Duration d) {
    return LeashConfig.builder().leakThreshold(d).build();
  }
}
