package leakapp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What every leak program does around its one leak: return some connections normally (with a query
 * each), keep the leaked ones reachable (so the leak is "suspected", not "confirmed"), wait past the
 * 1 s threshold, and exit. Prints on stdout only, so the same program runs with and without SLF4J.
 */
public final class Scenario {

  private static final List<Connection> HELD = new ArrayList<>();

  private Scenario() {}

  /** Borrows and returns {@code n} connections, each running a query. */
  public static void returnSome(DataSource ds, int n) throws SQLException {
    for (int i = 0; i < n; i++) {
      try (Connection c = ds.getConnection()) {
        query(c);
      }
    }
    System.out.println("program: returned " + n + " connections normally");
  }

  public static void query(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
    }
  }

  /** Keeps {@code c} open and reachable: the leak. */
  public static void hold(Connection c) throws SQLException {
    query(c);
    HELD.add(c);
  }

  /** Waits past the leak threshold ({@code -Dhold.ms}, default 2500), then exits. */
  public static void finish() throws InterruptedException {
    Thread.sleep(Long.getLong("hold.ms", 2500));
    System.out.println("program: done, holding " + HELD.size());
    System.out.flush();
    System.exit(0);
  }
}
