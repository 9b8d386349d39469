package dev.leash.examples.boot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * The shop's checkout, written against the DataSource by hand. {@link #placeOrder} has the bug of incident
 * 003 ("connections not released properly"): when the payment is declined it rolls back and returns
 * without closing the connection.
 */
@Service
public class CheckoutService {

  private final DataSource dataSource;
  private final PaymentGateway payments;

  public CheckoutService(DataSource dataSource, PaymentGateway payments) {
    this.dataSource = dataSource;
    this.payments = payments;
  }

  /** Places an order; false when the payment was declined. */
  public boolean placeOrder(long cartId, long amountCents) throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(false);
    try (PreparedStatement order = c.prepareStatement("INSERT INTO shop_orders (cart_id, amount_cents) VALUES (?, ?)")) {
      order.setLong(1, cartId);
      order.setLong(2, amountCents);
      order.executeUpdate();
    }
    if (!payments.charge(cartId, amountCents)) {
      // BUG: rolled back, but the connection is never closed on this path.
      c.rollback();
      return false;
    }
    c.commit();
    c.close();
    return true;
  }
}
