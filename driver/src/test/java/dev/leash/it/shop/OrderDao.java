package dev.leash.it.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A DAO over {@link BaseDao}; {@link #find()} is called from the report page and from the order page. */
public final class OrderDao extends BaseDao {

  public OrderDao(DataSource ds) {
    super(ds);
  }

  /** The caller closes the connection (or, on one path, does not). */
  public Connection find() throws SQLException {
    return connection();
  }
}
