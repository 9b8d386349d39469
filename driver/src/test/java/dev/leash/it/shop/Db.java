package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The one helper every service takes its connections through. Line numbers are asserted: keep {@link #OPEN_LINE} exact. */
public final class Db {
  public static final int OPEN_LINE = 14;

  private Db() {}

  public static Connection open(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // borrow and first use on one line (URL mode under a pool)
    return c;
  }
}
