package org.apache.ibatis.leashtest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Code that lives under a framework's package, as MyBatis's own tests do ({@code org.apache.ibatis.jdbc.ScriptRunnerTest}),
 * run on a thread with nothing else above the JDK: no frame of the stack is application code. Line numbers are asserted.
 */
public final class UnclosedScript implements Runnable {
  public static final int FIRST_LINE = 30;
  public static final int SECOND_LINE = 34;

  private final DataSource ds;
  private final boolean second;
  private final List<Connection> kept;

  public UnclosedScript(DataSource ds, boolean second, List<Connection> kept) {
    this.ds = ds;
    this.second = second;
    this.kept = kept;
  }

  @Override
  public void run() {
    try {
      if (!second) {
        Connection c = ds.getConnection(); c.setAutoCommit(true); kept.add(c); // leaks (borrow and first use on one line)
        return;
      }
      // A different statement of the same class: its own stack, not the first one's.
      Connection c = ds.getConnection(); c.setAutoCommit(true); kept.add(c); // leaks too
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
