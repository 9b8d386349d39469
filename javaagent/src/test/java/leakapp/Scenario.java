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
  /** The agent's leak threshold in these runs: a lease busy in a statement past it is reported held busy. */
  private static final long THRESHOLD_MS = Long.getLong("leak.threshold.ms", 1000);
  /** JVM uptime when the program was about to borrow, or its previous statement ended: its next lease begins after it. */
  private static long previousEndMs;
  /** Statements that may have run on a lease older than the threshold: see {@link #query}. */
  private static int mayBeHeldBusy;

  private Scenario() {}

  /** Borrows and returns {@code n} connections, each running a query. */
  public static void returnSome(DataSource ds, int n) throws SQLException {
    for (int i = 0; i < n; i++) {
      borrowing();
      try (Connection c = ds.getConnection()) {
        query(c);
      }
    }
    System.out.println("program: returned " + n + " connections normally");
  }

  /** The program is about to take a connection: its lease begins after now. */
  public static void borrowing() {
    previousEndMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
  }

  /**
   * Runs a query. The programs take their connections one after another, each after {@link #borrowing} or the
   * previous statement's end, so a lease's age when its statement ends is at most the time since then. When that
   * reaches the threshold, Leash may rightly say {@code connection.held.busy}: on a machine
   * whose cores are all busy, a cold JVM's first query (class loading, H2 starting) can run over a second.
   * {@link #finish} prints how many statements could have been seen so; on a quiet machine none.
   */
  public static void query(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
    }
    long now = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    if (now - previousEndMs >= THRESHOLD_MS) {
      mayBeHeldBusy++;
    }
    previousEndMs = now;
  }

  /** Keeps {@code c} open and reachable: the leak. */
  public static void hold(Connection c) throws SQLException {
    query(c);
    HELD.add(c);
  }

  /** Waits past the leak threshold ({@code -Dhold.ms}, default 2500), then exits. */
  public static void finish() throws InterruptedException {
    Thread.sleep(Long.getLong("hold.ms", 2500));
    System.out.println("program: statements that may have run past the threshold: " + mayBeHeldBusy);
    System.out.println("program: done, holding " + HELD.size());
    System.out.flush();
    System.exit(0);
  }
}
