package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Lists products through {@link Db}; always returns its connection. */
public final class BrowseService {
  private final DataSource ds;

  public BrowseService(DataSource ds) {
    this.ds = ds;
  }

  public int browse() throws SQLException {
    try (Connection c = Db.open(ds); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
