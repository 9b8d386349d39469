package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Searches through {@link Db}; always returns its connection. */
public final class SearchService {
  private final DataSource ds;

  public SearchService(DataSource ds) {
    this.ds = ds;
  }

  public int search(String term) throws SQLException {
    try (Connection c = Db.open(ds); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT LENGTH('" + term.replace("'", "") + "')")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Keeps the connection for a cursor it never closes (the caller keeps it). Line asserted: {@link #KEEP_LINE}. */
  public Connection openCursor() throws SQLException {
    Connection c = Db.open(ds);
    return c;
  }

  public static final int KEEP_LINE = 26;
}
