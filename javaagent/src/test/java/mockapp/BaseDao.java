package mockapp;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The one place an application's DAOs take connections from, as layered code does. */
abstract class BaseDao {
  private final DataSource dataSource;

  BaseDao(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }
}
