package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The base-DAO shape: every DAO takes its connection here. Line numbers are asserted: keep {@link #CONNECTION_LINE} exact. */
public abstract class BaseDao {
  public static final int CONNECTION_LINE = 18;

  private final DataSource ds;

  protected BaseDao(DataSource ds) {
    this.ds = ds;
  }

  protected Connection connection() throws SQLException {
    Connection c = ds.getConnection(); c.setReadOnly(false); // borrow and first use on one line (URL mode under a pool)
    return c;
  }
}
