package dev.leash.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The shop's catalog: one short query per page view. */
public final class CatalogService {

  private final DataSource db;

  public CatalogService(DataSource db) {
    this.db = db;
  }

  /** The price of a product in cents, or 0 when the product does not exist. */
  public long price(long productId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT price_cents FROM products WHERE id = ?")) {
      s.setLong(1, productId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
