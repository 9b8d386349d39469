package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Places an order through {@link Db} and, on one path, forgets to return the connection. */
public final class CheckoutService {
  /** Line of the {@code Db.open} call in {@link #checkout()}. */
  public static final int CHECKOUT_LINE = 20;

  private final DataSource ds;

  public CheckoutService(DataSource ds) {
    this.ds = ds;
  }

  /** Returns the connection it never closes (the caller keeps it, so the garbage collector cannot). */
  public Connection checkout() throws SQLException {
    Connection c = Db.open(ds);
    c.setAutoCommit(false);
    return c; // the bug: no close() on this path
  }
}
