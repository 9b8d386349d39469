package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Writes an audit record on a connection of its own, taken through {@link Db} while the caller holds one: nested. */
public final class AuditLog {
  private AuditLog() {}

  public static void record(DataSource ds) throws SQLException {
    try (Connection c = Db.open(ds)) {
      c.isValid(1);
    }
  }
}
