package dev.leash.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Application code that leaks at three known lines (asserted by the soak tests: keep each call on its
 * line and update the constants together). Borrow and first use share a line, because in URL mode
 * under a pool the lease starts at the first use.
 */
public final class PlantedLeaks {
  static final int[] LINES = {18, 23, 28};

  private PlantedLeaks() {}

  static Connection siteOne(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true);
    return c;
  }

  static Connection siteTwo(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true);
    return c;
  }

  static Connection siteThree(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true);
    return c;
  }

  static Connection leak(int site, DataSource ds) throws SQLException {
    switch (site) {
      case 0:
        return siteOne(ds);
      case 1:
        return siteTwo(ds);
      default:
        return siteThree(ds);
    }
  }

  static String site(int i) {
    String[] methods = {"siteOne", "siteTwo", "siteThree"};
    return "dev.leash.reliability.PlantedLeaks." + methods[i] + "(PlantedLeaks.java:" + LINES[i] + ")";
  }
}
