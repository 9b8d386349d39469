package dev.leash.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Application code that leaks. Line numbers are asserted by tests: keep each call on its line
 * (see the constants), and update them together.
 */
public final class LeakyDao {
  /** Line of the getConnection() in {@link #leak(DataSource)}. */
  public static final int LEAK_LINE = 20;
  /** Line of the getConnection() in {@link #dropUnclosed(DataSource)}. */
  public static final int DROP_LINE = 40;

  public Connection leak(DataSource ds) throws SQLException {
    // Borrow and first use on one line: in URL mode under a pool, the lease starts at the first use.
    Connection c = ds.getConnection(); c.setAutoCommit(true);
    return c; // never closed
  }

  /** Borrow, use and return properly. */
  public void work(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  /** Runs a statement that takes {@code millis} (H2 alias SLEEP, created by the test), then returns. */
  public void slowQuery(DataSource ds, long millis) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CALL SLEEP(" + millis + ")");
    }
  }

  /** Takes a connection and drops it without closing: only the garbage collector will know. */
  public void dropUnclosed(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true);
  }
}
