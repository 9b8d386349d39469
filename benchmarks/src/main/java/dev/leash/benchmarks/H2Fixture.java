package dev.leash.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory H2 database the JDBC benchmarks share: one table of {@link #ROWS} rows, and the one
 * query every variant runs, so that only the layer in front of H2 differs between variants.
 */
final class H2Fixture {

  static final int ROWS = 1000;
  static final String QUERY = "SELECT v FROM item WHERE id = ?";
  static final String UPDATE = "UPDATE item SET n = n + 1 WHERE id = ?";
  static final String SUM = "SELECT SUM(n) FROM item WHERE id BETWEEN ? AND ?";

  private static final AtomicInteger NEXT = new AtomicInteger();

  private H2Fixture() {}

  /**
   * Creates a fresh database and returns its URL without the {@code jdbc:} scheme, e.g.
   * {@code h2:mem:bench3;DB_CLOSE_DELAY=-1}. The returned keeper connection keeps it alive.
   */
  static String create(String prefix, Connection[] keeper) throws SQLException {
    String url = "h2:mem:" + prefix + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    Connection c = DriverManager.getConnection("jdbc:" + url);
    createTable(c, "CREATE TABLE item (id INT PRIMARY KEY, v VARCHAR(40), n INT)");
    keeper[0] = c;
    return url;
  }

  /** Creates (or recreates) the item table on {@code c} and fills it. */
  static void createTable(Connection c, String ddl) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS item");
      s.execute(ddl);
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (id, v, n) VALUES (?, ?, 0)")) {
      for (int i = 1; i <= ROWS; i++) {
        ps.setInt(1, i);
        ps.setString(2, "item-" + i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The statement path every variant measures: prepare, bind, execute, read one row, close. */
  static String queryOne(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(QUERY)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // teardown: nothing to do
      }
    }
  }
}
