package mockapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** The code under test of the application's Mockito tests: plain JDBC through {@link BaseDao}. */
final class OrderRepository extends BaseDao {

  static final String FIND_STATUS = "SELECT status FROM orders WHERE id = ?";
  static final String ARCHIVE = "DELETE FROM orders WHERE created < CURRENT_DATE - 365";

  OrderRepository(DataSource dataSource) {
    super(dataSource);
  }

  Optional<String> status(long orderId) throws SQLException {
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(FIND_STATUS)) {
      ps.setLong(1, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString("status")) : Optional.empty();
      }
    }
  }

  /** Archives old orders; a failed statement rolls the transaction back and is rethrown. */
  int archive() throws SQLException {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        int n = s.executeUpdate(ARCHIVE);
        c.commit();
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
