package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The scenarios on connections borrowed from a real pool over H2, with the pool opened before the
 * first scenario and closed after the last.
 *
 * <p>Application code sees the pool's proxies, so identity expectations follow what the pool wraps:
 * where it does not wrap statements or metadata, those answer with the driver's connection, which
 * must then be Leash's (in Leash mode) and not the real driver's. Likewise, where the pool cannot
 * unwrap through a wrapping driver, vendor classes are unwrapped from the driver's connection.
 */
abstract class AbstractPoolScenarioTest extends AbstractJdbcScenarioTest {

  /** The driver class name given to the pools that take one. */
  static final String LEASH_DRIVER = "dev.leash.jdbc.LeashDriver";

  static final String H2_DRIVER = "org.h2.Driver";

  private final TestPool pool;
  private final String url;
  private final String driverClassName;
  private DataSource dataSource;

  AbstractPoolScenarioTest(TestPool pool, String url, String driverClassName) {
    super(Dialect.H2, url.startsWith("jdbc:leash:"));
    this.pool = pool;
    this.url = url;
    this.driverClassName = driverClassName;
  }

  @BeforeAll
  void openPool() {
    dataSource = pool.open(getClass().getSimpleName(), url, driverClassName);
  }

  @AfterAll
  void closePool() throws SQLException {
    if (dataSource != null) {
      pool.close(dataSource);
    }
  }

  @Override
  protected Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  protected Connection driverConnection(Connection connection) throws SQLException {
    return pool.driverConnection(connection);
  }

  @Override
  protected Connection unwrapFrom(Connection connection) throws SQLException {
    return pool.unwrapsDeeply() ? connection : pool.driverConnection(connection);
  }

  @Override
  protected Connection expectedStatementConnection(Connection connection) throws SQLException {
    return pool.wrapsStatements() ? connection : pool.driverConnection(connection);
  }

  @Override
  protected Connection expectedMetaDataConnection(Connection connection) throws SQLException {
    return pool.wrapsMetaData() ? connection : pool.driverConnection(connection);
  }
}
