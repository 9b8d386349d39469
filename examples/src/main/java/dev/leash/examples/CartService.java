package dev.leash.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The shoppers' carts: one short insert per item. */
public final class CartService {

  private final DataSource db;

  public CartService(DataSource db) {
    this.db = db;
  }

  /** Puts {@code quantity} of a product into a cart. */
  public void add(long cartId, long productId, int quantity) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO cart_items(cart_id, product_id, quantity) VALUES (?, ?, ?)")) {
      s.setLong(1, cartId);
      s.setLong(2, productId);
      s.setInt(3, quantity);
      s.executeUpdate();
    }
  }
}
