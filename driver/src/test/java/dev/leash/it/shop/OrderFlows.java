package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Two flows that hold a connection from {@link Db} and call {@link AuditLog}, which takes a second one. Lines asserted. */
public final class OrderFlows {
  public static final int PLACE_LINE = 15;
  public static final int REFUND_LINE = 21;

  private OrderFlows() {}

  public static void place(DataSource ds) throws SQLException {
    try (Connection c = Db.open(ds)) {
      AuditLog.record(ds);
    }
  }

  public static void refund(DataSource ds) throws SQLException {
    try (Connection c = Db.open(ds)) {
      AuditLog.record(ds);
    }
  }
}
