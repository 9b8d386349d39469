package dev.leash.examples;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The back office's sales report: a heavy query (simulated by a statement that keeps the database busy
 * for {@code queryMillis}) on the same pool as the shop. It closes its connection properly; it just
 * holds it, busy, for a long time.
 */
public final class ReportService {

  private final DataSource db;
  private final Database database;

  public ReportService(DataSource db, Database database) {
    this.db = db;
    this.database = database;
  }

  /** Runs the report; returns the revenue in cents. */
  public long salesReport(long queryMillis) throws SQLException {
    try (Connection c = db.getConnection()) {
      database.sleep(c, queryMillis);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(amount_cents), 0) FROM orders")) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
