package dev.leash.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The shop's checkout. {@link #placeOrder} has the bug of incident 003 ("connections not released
 * properly"): when the payment provider declines, it returns early and never closes the connection.
 */
public final class CheckoutService {

  private final DataSource db;
  private final PaymentGateway payments;

  public CheckoutService(DataSource db, PaymentGateway payments) {
    this.db = db;
    this.payments = payments;
  }

  /** Places an order; returns false when the payment was declined. */
  public boolean placeOrder(long cartId, long amountCents) throws SQLException {
    Connection c = db.getConnection();
    c.setAutoCommit(false);
    try (PreparedStatement order = c.prepareStatement("INSERT INTO orders(cart_id, amount_cents) VALUES (?, ?)")) {
      order.setLong(1, cartId);
      order.setLong(2, amountCents);
      order.executeUpdate();
    }
    if (!payments.charge(cartId, amountCents)) {
      // BUG: rollback, but the connection is never closed on this path.
      c.rollback();
      return false;
    }
    c.commit();
    c.close();
    return true;
  }

  /**
   * The fixed checkout: reserves the cart's stock (a statement that keeps the database busy for
   * {@code reserveMillis}, like a stock-reservation procedure under load), then records the order, and
   * always returns the connection. Short and busy: the connection pattern of incidents 000–002 and 004.
   */
  public void checkout(long cartId, long amountCents, Database database, long reserveMillis) throws SQLException {
    try (Connection c = db.getConnection()) {
      database.sleep(c, reserveMillis);
      try (PreparedStatement order = c.prepareStatement("INSERT INTO orders(cart_id, amount_cents) VALUES (?, ?)")) {
        order.setLong(1, cartId);
        order.setLong(2, amountCents);
        order.executeUpdate();
      }
    }
  }

  /** Decides whether a payment goes through. */
  public interface PaymentGateway {
    boolean charge(long cartId, long amountCents);
  }
}
