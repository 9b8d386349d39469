package dev.leash.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcSQLSyntaxErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wrappers around a real driver: what the application and its frameworks observe through a
 * {@link LeashConnection} must be what they would observe on H2's own connection, except that every
 * road back to a connection leads to the wrapper.
 */
class H2TransparencyTest {

  private String url;
  private Connection real;
  private Connection raw;
  private LeashConnection connection;

  @BeforeEach
  void open() throws SQLException {
    url = "jdbc:h2:mem:transparency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    real = new org.h2.Driver().connect(url, new Properties());
    // A second, unwrapped connection to the same database: the reference for "what H2 does".
    raw = new org.h2.Driver().connect(url, new Properties());
    connection = new LeashConnection(real, ConnectionHooks.NONE);
    try (Statement statement = raw.createStatement()) {
      statement.execute(
          "create table person (id bigint generated always as identity primary key,"
              + " name varchar(50) not null)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement statement = raw.createStatement()) {
      statement.execute("shutdown");
    }
    raw.close();
    real.close();
  }

  @Test
  void queryResultsComeThroughUnchanged() throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("insert into person (name) values (?)")) {
      insert.setString(1, "Ada");
      assertThat(insert.executeUpdate()).isEqualTo(1);
      insert.setString(1, "Grace");
      insert.addBatch();
      insert.setString(1, "Edsger");
      insert.addBatch();
      assertThat(insert.executeBatch()).containsExactly(1, 1);
    }

    try (PreparedStatement select =
            connection.prepareStatement("select id, name from person where id > ? order by id");
        ResultSet rs = bind(select, 1L).executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("id")).isEqualTo(2L);
      assertThat(rs.getString(2)).isEqualTo("Grace");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("Edsger");
      assertThat(rs.next()).isFalse();
      assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("NAME");
    }
  }

  @Test
  void statementsAndResultSetsLeadBackToTheWrapper() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertThat(statement).isInstanceOf(LeashStatement.class);
      assertThat(statement.getConnection()).isSameAs(connection);

      ResultSet query = statement.executeQuery("select 1");
      assertThat(query).isInstanceOf(LeashResultSet.class);
      assertThat(query.getStatement()).isSameAs(statement);
      assertThat(query.getStatement().getConnection()).isSameAs(connection);

      assertThat(statement.execute("select 2")).isTrue();
      ResultSet current = statement.getResultSet();
      assertThat(current).isInstanceOf(LeashResultSet.class).isSameAs(statement.getResultSet());
      assertThat(current.getStatement()).isSameAs(statement);
      assertThat(current.next()).isTrue();
      assertThat(current.getInt(1)).isEqualTo(2);
    }

    try (PreparedStatement prepared = connection.prepareStatement("select 3");
        ResultSet rs = prepared.executeQuery()) {
      assertThat(prepared).isInstanceOf(LeashPreparedStatement.class);
      assertThat(prepared.getConnection()).isSameAs(connection);
      assertThat(rs.getStatement()).isSameAs(prepared);
    }

    try (CallableStatement call = connection.prepareCall("call 4");
        ResultSet rs = call.executeQuery()) {
      assertThat(call).isInstanceOf(LeashCallableStatement.class);
      assertThat(call.getConnection()).isSameAs(connection);
      assertThat(rs.getStatement()).isSameAs(call);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(4);
    }
  }

  @Test
  void generatedKeysAreWrapped() throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into person (name) values (?)", Statement.RETURN_GENERATED_KEYS)) {
      bind(insert, "Barbara").executeUpdate();

      try (ResultSet keys = insert.getGeneratedKeys()) {
        assertThat(keys).isInstanceOf(LeashResultSet.class);
        assertThat(keys.getStatement()).isSameAs(insert);
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong(1)).isEqualTo(1L);
      }
    }
  }

  @Test
  void metaDataLeadsBackToTheWrapperButReportsTheRealDatabase() throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();

    assertThat(metaData).isInstanceOf(LeashDatabaseMetaData.class);
    assertThat(metaData.getConnection()).isSameAs(connection);
    // Spring Boot and Flyway recognise the database by these; they must not see Leash.
    assertThat(metaData.getURL()).isEqualTo(raw.getMetaData().getURL()).startsWith("jdbc:h2:mem:");
    assertThat(metaData.getDatabaseProductName()).isEqualTo("H2");
    assertThat(metaData.getDriverName()).isEqualTo(raw.getMetaData().getDriverName());

    try (ResultSet tables = metaData.getTables(null, null, "PERSON", new String[] {"TABLE"})) {
      assertThat(tables).isInstanceOf(LeashResultSet.class);
      assertThat(tables.next()).isTrue();
      assertThat(tables.getString("TABLE_NAME")).isEqualTo("PERSON");
      Statement statement = tables.getStatement();
      // H2 answers no statement for metadata result sets; other drivers (PgJDBC) answer theirs.
      if (driversMetaDataStatement() == null) {
        assertThat(statement).isNull();
      } else {
        assertThat(statement).isInstanceOf(LeashStatement.class);
        assertThat(statement.getConnection()).isSameAs(connection);
      }
    }
    try (ResultSet types = metaData.getTypeInfo()) {
      assertThat(types).isInstanceOf(LeashResultSet.class);
      assertThat(types.next()).isTrue();
    }
  }

  @Test
  void unwrapReachesTheDriversObjects() throws SQLException {
    assertThat(connection.unwrap(JdbcConnection.class)).isSameAs(real);
    assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
    assertThat(connection.isWrapperFor(LeashConnection.class)).isTrue();
    assertThat(connection.unwrap(LeashConnection.class)).isSameAs(connection);
    assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
    assertThat(connection.isWrapperFor(String.class)).isFalse();

    try (PreparedStatement prepared = connection.prepareStatement("select 1")) {
      assertThat(prepared.unwrap(JdbcPreparedStatement.class))
          .isSameAs(((LeashPreparedStatement) prepared).delegate());
      assertThat(prepared.isWrapperFor(JdbcPreparedStatement.class)).isTrue();
    }
  }

  @Test
  void driverExceptionsPassThroughUnchanged() throws SQLException {
    String badSql = "selec 1 from person";
    SQLException expected;
    try (Statement statement = raw.createStatement()) {
      expected = catchThrowableOfType(SQLException.class, () -> statement.executeQuery(badSql));
    }

    try (Statement statement = connection.createStatement()) {
      SQLException actual =
          catchThrowableOfType(SQLException.class, () -> statement.executeQuery(badSql));

      // SQLException is also an Iterable: the casts pick AssertJ's Throwable assertions.
      assertThat((Throwable) actual)
          .isExactlyInstanceOf(JdbcSQLSyntaxErrorException.class)
          .isExactlyInstanceOf(expected.getClass())
          .hasMessage(expected.getMessage());
      assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState()).isEqualTo("42001");
      assertThat(actual.getErrorCode()).isEqualTo(expected.getErrorCode());
    }

    SQLException onPrepare =
        catchThrowableOfType(SQLException.class, () -> connection.prepareStatement(badSql));
    assertThat((Throwable) onPrepare).isExactlyInstanceOf(JdbcSQLSyntaxErrorException.class);
  }

  @Test
  void closeClosesTheDriversConnection() throws SQLException {
    connection.close();

    assertThat(real.isClosed()).isTrue();
    assertThat(connection.isClosed()).isTrue();
  }

  private Statement driversMetaDataStatement() throws SQLException {
    try (ResultSet tables = raw.getMetaData().getTables(null, null, "PERSON", null)) {
      return tables.getStatement();
    }
  }

  private static PreparedStatement bind(PreparedStatement statement, Object value)
      throws SQLException {
    statement.setObject(1, value);
    return statement;
  }
}
