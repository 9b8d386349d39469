package leakapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Issue 15's reproduction under the agent: browse() and search() take their connections through one helper,
 * Db.open(), 500 times each and return them; checkout() takes one through the same helper and keeps it.
 * Lines asserted by HelperPathIT: the getConnection() in Db.open carries the SITE marker, checkout's call the LEAK marker.
 */
public final class HelperPathLeak {

  static final class Db {
    static Connection open(DataSource ds) throws SQLException {
      return ds.getConnection(); // SITE
    }
  }

  static final class Browse {
    static void browse(DataSource ds) throws SQLException {
      try (Connection c = Db.open(ds)) {
        Scenario.query(c);
      }
    }
  }

  static final class Search {
    static void search(DataSource ds) throws SQLException {
      try (Connection c = Db.open(ds)) {
        Scenario.query(c);
      }
    }
  }

  static final class Checkout {
    static void checkout(DataSource ds) throws SQLException {
      Scenario.hold(Db.open(ds)); // LEAK
    }
  }

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:helperpath;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    for (int i = 0; i < 500; i++) {
      Browse.browse(ds);
    }
    for (int i = 0; i < 500; i++) {
      Search.search(ds);
    }
    Checkout.checkout(ds);
    Scenario.finish();
  }
}
