package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;

/** Two pages over the same DAO method: the report page closes what it takes, the order page leaks. */
public final class OrderPages {
  /** Line of the {@code dao.find()} call in {@link #orderPage()}. */
  public static final int ORDER_PAGE_LINE = 25;

  private final OrderDao dao;

  public OrderPages(OrderDao dao) {
    this.dao = dao;
  }

  public void reportPage() throws SQLException {
    try (Connection c = dao.find()) {
      c.getAutoCommit();
    }
  }

  /** Returns the connection it never closes. */
  public Connection orderPage() throws SQLException {
    Connection c = dao.find();
    c.getAutoCommit();
    return c;
  }
}
