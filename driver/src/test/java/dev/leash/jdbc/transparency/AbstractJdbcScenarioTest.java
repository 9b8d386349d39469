package dev.leash.jdbc.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * JDBC scenarios that must behave the same with and without Leash. Each subclass supplies where
 * connections come from (the raw driver, the {@code jdbc:leash:} URL, a pool over either) and which
 * database is behind them; the scenarios and their expected values are shared, so a raw subclass
 * proves an expectation and the matching Leash subclass proves Leash keeps it.
 *
 * <p>Every scenario works on its own tables, named with a prefix unique to the test class and the
 * JVM run, and drops them afterwards, so the suites can share one PostgreSQL or MariaDB database,
 * run after one another or at the same time.
 *
 * <p>The lifecycle is per class so that subclasses can open a pool in an instance {@code @BeforeAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractJdbcScenarioTest {

  /** Keeps concurrent runs (other worktrees, CI jobs) on one database from meeting. */
  private static final String RUN =
      Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);

  private final Dialect dialect;
  private final boolean leashInUse;
  private final String prefix;
  private final Deque<String> cleanup = new ArrayDeque<>();

  protected AbstractJdbcScenarioTest(Dialect dialect, boolean leashInUse) {
    this.dialect = dialect;
    this.leashInUse = leashInUse;
    String tag = getClass().getSimpleName().replace("ScenarioTest", "").toLowerCase(Locale.ROOT);
    this.prefix = "lt" + RUN + "_" + tag + "_";
  }

  /** A new connection, as application code would get it; the scenario closes it. */
  protected abstract Connection connect() throws SQLException;

  /** The connection the JDBC driver returned, beneath any pool: {@code connection} without a pool. */
  protected Connection driverConnection(Connection connection) throws SQLException {
    return connection;
  }

  /** What {@code Statement.getConnection()} returns for statements of {@code connection}. */
  protected Connection expectedStatementConnection(Connection connection) throws SQLException {
    return connection;
  }

  /** What {@code DatabaseMetaData.getConnection()} returns for {@code connection}'s metadata. */
  protected Connection expectedMetaDataConnection(Connection connection) throws SQLException {
    return connection;
  }

  /** Where code unwraps to vendor classes from: {@code connection} unless a pool prevents it. */
  protected Connection unwrapFrom(Connection connection) throws SQLException {
    return connection;
  }

  @AfterEach
  void dropWhatTheScenarioCreated() throws SQLException {
    if (cleanup.isEmpty()) {
      return;
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      while (!cleanup.isEmpty()) {
        statement.execute(cleanup.pop());
      }
    }
  }

  @Test
  void connectionComesFromTheExpectedDriver() throws SQLException {
    try (Connection connection = connect()) {
      Connection driverConnection = driverConnection(connection);
      if (leashInUse) {
        LeashAssertions.assertIsLeashConnection(driverConnection);
      } else {
        assertThat(driverConnection).isInstanceOf(dialect.vendorConnection());
      }
      assertThat(connection.isValid(5)).isTrue();
      assertThat(connection.isClosed()).isFalse();
    }
  }

  @Test
  void queryReturnsEveryTypeAsStored() throws SQLException {
    String table = createTable("types", "id INT PRIMARY KEY, big_number BIGINT, price DECIMAL(10,2), "
        + "label VARCHAR(100), sold_on DATE, sold_at " + dialect.timestampType() + ", active BOOLEAN, "
        + "note VARCHAR(100), quantity INT");
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 9000000000, 1234.50, "
          + "'Grüße, \"leash\"', DATE '2024-02-29', TIMESTAMP '2024-02-29 13:45:30.123', TRUE, NULL, NULL)"))
          .isEqualTo(1);

      try (ResultSet rs = statement.executeQuery("SELECT id, big_number, price, label, sold_on, sold_at, "
          + "active, note, quantity FROM " + table)) {
        ResultSetMetaData meta = rs.getMetaData();
        assertThat(meta.getColumnCount()).isEqualTo(9);
        assertThat(meta.getColumnLabel(4)).isEqualToIgnoringCase("label");

        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("id")).isEqualTo(1);
        assertThat(rs.getLong("big_number")).isEqualTo(9_000_000_000L);
        assertThat(rs.getBigDecimal("price")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(rs.getString("label")).isEqualTo("Grüße, \"leash\"");
        assertThat(rs.getObject("sold_on", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(rs.getDate("sold_on").toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        LocalDateTime soldAt = LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000);
        assertThat(rs.getObject("sold_at", LocalDateTime.class)).isEqualTo(soldAt);
        assertThat(rs.getTimestamp("sold_at").toLocalDateTime()).isEqualTo(soldAt);
        assertThat(rs.getBoolean("active")).isTrue();
        assertThat(rs.getString("note")).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getInt("quantity")).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getObject("quantity")).isNull();
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void updatesReportHowManyRowsTheyChanged() throws SQLException {
    String table = createTable("stock", "sku VARCHAR(20) PRIMARY KEY, quantity INT NOT NULL");
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate(
          "INSERT INTO " + table + " VALUES ('apple', 1), ('pear', 2), ('plum', 3)")).isEqualTo(3);
      assertThat(statement.executeUpdate(
          "UPDATE " + table + " SET quantity = quantity + 10 WHERE quantity >= 2")).isEqualTo(2);

      assertThat(statement.execute("UPDATE " + table + " SET quantity = 7 WHERE sku = 'apple'")).isFalse();
      assertThat(statement.getUpdateCount()).isEqualTo(1);
      assertThat(statement.getResultSet()).isNull();

      assertThat(statement.executeLargeUpdate("DELETE FROM " + table + " WHERE sku = 'plum'")).isEqualTo(1L);
      assertThat(statement.executeUpdate("DELETE FROM " + table + " WHERE sku = 'cherry'")).isZero();

      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE " + table + " SET quantity = ? WHERE sku = ?")) {
        update.setInt(1, 42);
        update.setString(2, "pear");
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      assertThat(rows(connection, "SELECT sku, quantity FROM " + table + " ORDER BY sku"))
          .containsExactly("apple=7", "pear=42");
    }
  }

  @Test
  void batchesReportACountPerStatement() throws SQLException {
    String table = createTable("batch", "sku VARCHAR(20) PRIMARY KEY, quantity INT NOT NULL");
    try (Connection connection = connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.addBatch("INSERT INTO " + table + " VALUES ('a', 1)");
        statement.addBatch("INSERT INTO " + table + " VALUES ('b', 2)");
        statement.addBatch("INSERT INTO " + table + " VALUES ('c', 3)");
        statement.addBatch("UPDATE " + table + " SET quantity = quantity * 10 WHERE quantity > 1");
        assertThat(statement.executeBatch()).containsExactly(1, 1, 1, 2);
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        for (String sku : new String[] {"d", "e", "f"}) {
          insert.setString(1, sku);
          insert.setInt(2, 5);
          insert.addBatch();
        }
        assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
      }
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE " + table + " SET quantity = quantity + 1 WHERE quantity = ?")) {
        update.setInt(1, 5);
        update.addBatch();
        update.setInt(1, 999);
        update.addBatch();
        assertThat(update.executeBatch()).containsExactly(3, 0);
      }
      assertThat(rows(connection, "SELECT sku, quantity FROM " + table + " ORDER BY sku"))
          .containsExactly("a=1", "b=20", "c=30", "d=6", "e=6", "f=6");
    }
  }

  @Test
  void generatedKeysAreTheNewIds() throws SQLException {
    String table = createTable("orders", dialect.identityColumn() + ", customer VARCHAR(50) NOT NULL");
    try (Connection connection = connect()) {
      long annId;
      try (Statement statement = connection.createStatement()) {
        assertThat(statement.executeUpdate(
            "INSERT INTO " + table + " (customer) VALUES ('ann')", Statement.RETURN_GENERATED_KEYS))
            .isEqualTo(1);
        try (ResultSet keys = statement.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          annId = keys.getLong(1);
          assertThat(keys.next()).isFalse();
        }
      }
      long bobId;
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + table + " (customer) VALUES (?)", new String[] {dialect.generatedKeyColumn()})) {
        insert.setString(1, "bob");
        assertThat(insert.executeUpdate()).isEqualTo(1);
        try (ResultSet keys = insert.getGeneratedKeys()) {
          assertThat(keys.next()).isTrue();
          bobId = keys.getLong(1);
        }
      }
      assertThat(bobId).isGreaterThan(annId);
      assertThat(rows(connection, "SELECT id, customer FROM " + table + " ORDER BY id"))
          .containsExactly(annId + "=ann", bobId + "=bob");
    }
  }

  @Test
  void committedWorkIsVisibleAndRolledBackWorkIsNot() throws SQLException {
    String table = createTable("ledger", "entry VARCHAR(20) PRIMARY KEY");
    try (Connection writer = connect(); Connection reader = connect()) {
      writer.setAutoCommit(false);
      assertThat(writer.getAutoCommit()).isFalse();
      try (Statement statement = writer.createStatement()) {
        statement.executeUpdate("INSERT INTO " + table + " VALUES ('rolled-back')");
        writer.rollback();

        statement.executeUpdate("INSERT INTO " + table + " VALUES ('committed')");
        assertThat(rows(writer, "SELECT entry FROM " + table)).containsExactly("committed");
        assertThat(rows(reader, "SELECT entry FROM " + table)).isEmpty();
        writer.commit();
      } finally {
        writer.setAutoCommit(true);
      }
      assertThat(rows(reader, "SELECT entry FROM " + table)).containsExactly("committed");
    }
  }

  @Test
  void rollbackToSavepointUndoesOnlyWhatCameAfterIt() throws SQLException {
    String table = createTable("savepoints", "entry VARCHAR(20) PRIMARY KEY");
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO " + table + " VALUES ('a')");
        Savepoint beforeB = connection.setSavepoint("before_b");
        assertThat(beforeB.getSavepointName()).isEqualTo("before_b");
        statement.executeUpdate("INSERT INTO " + table + " VALUES ('b')");
        connection.rollback(beforeB);

        Savepoint unnamed = connection.setSavepoint();
        assertThat(unnamed.getSavepointId()).isNotNull();
        statement.executeUpdate("INSERT INTO " + table + " VALUES ('c')");
        connection.releaseSavepoint(unnamed);
        statement.executeUpdate("INSERT INTO " + table + " VALUES ('d')");
        connection.commit();
      } finally {
        connection.setAutoCommit(true);
      }
      assertThat(rows(connection, "SELECT entry FROM " + table + " ORDER BY entry"))
          .containsExactly("a", "c", "d");
    }
  }

  @Test
  void metaDataDescribesTheRealDatabase() throws SQLException {
    String table = createTable("catalog", "id INT PRIMARY KEY, title VARCHAR(50)");
    try (Connection connection = connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      assertThat(meta.getDatabaseProductName()).isEqualTo(dialect.productName());
      assertThat(meta.getDriverName()).isEqualTo(dialect.driverName());
      assertThat(meta.getURL()).startsWith(dialect.realUrlPrefix()).doesNotContain("leash:");
      assertThat(meta.getConnection()).isSameAs(expectedMetaDataConnection(connection));

      String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
      String pattern = stored.replace("_", meta.getSearchStringEscape() + "_");
      List<String> found = new ArrayList<>();
      try (ResultSet tables = meta.getTables(null, null, pattern, new String[] {"TABLE"})) {
        while (tables.next()) {
          found.add(tables.getString("TABLE_NAME"));
        }
      }
      assertThat(found).containsExactly(stored);

      List<String> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, null, pattern, "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      assertThat(columns).containsExactly("id", "title");
    }
  }

  @Test
  void largeObjectsRoundTrip() throws SQLException, IOException {
    String table = createTable("documents",
        "id INT PRIMARY KEY, body " + dialect.clobType() + ", image " + dialect.blobType());
    StringBuilder builder = new StringBuilder();
    while (builder.length() < 100_000) {
      builder.append("Leash keeps every JDBC connection on a leash. ").append(builder.length()).append('\n');
    }
    String text = builder.toString();
    byte[] bytes = new byte[150_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }

    try (Connection connection = connect()) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setCharacterStream(2, new StringReader(text), text.length());
        insert.setBinaryStream(3, new ByteArrayInputStream(bytes), bytes.length);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        if (dialect.supportsLobLocators()) {
          Clob clob = connection.createClob();
          clob.setString(1, text);
          Blob blob = connection.createBlob();
          blob.setBytes(1, bytes);
          insert.setInt(1, 2);
          insert.setClob(2, clob);
          insert.setBlob(3, blob);
          assertThat(insert.executeUpdate()).isEqualTo(1);
        }
      }

      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT id, body, image FROM " + table + " ORDER BY id")) {
        int count = 0;
        while (rs.next()) {
          count++;
          assertThat(rs.getString("body")).isEqualTo(text);
          assertThat(rs.getBytes("image")).isEqualTo(bytes);
        }
        assertThat(count).isEqualTo(dialect.supportsLobLocators() ? 2 : 1);
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT body, image FROM " + table + " WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(readFully(rs.getCharacterStream(1))).isEqualTo(text);
        assertThat(readFully(rs.getBinaryStream(2))).isEqualTo(bytes);
      }
      if (dialect.supportsLobLocators()) {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT body, image FROM " + table + " WHERE id = 2")) {
          assertThat(rs.next()).isTrue();
          Clob clob = rs.getClob(1);
          assertThat(clob.length()).isEqualTo(text.length());
          assertThat(clob.getSubString(1, 20)).isEqualTo(text.substring(0, 20));
          Blob blob = rs.getBlob(2);
          assertThat(blob.length()).isEqualTo(bytes.length);
          assertThat(blob.getBytes(1, bytes.length)).isEqualTo(bytes);
        }
      }
    }
  }

  @Test
  void errorsAreTheRealDriversErrors() throws SQLException {
    String table = createTable("unique_keys", "id INT PRIMARY KEY");
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      Throwable missing = catchThrowable(
          () -> statement.executeQuery("SELECT * FROM " + prefix + "no_such_table"));
      assertSqlError(missing, dialect.missingTable());

      statement.executeUpdate("INSERT INTO " + table + " VALUES (1)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
        insert.setInt(1, 1);
        assertSqlError(catchThrowable(insert::executeUpdate), dialect.duplicateKey());
      }

      // Neither error broke the connection.
      assertThat(rows(connection, "SELECT id FROM " + table)).containsExactly("1");
    }
  }

  @Test
  void statementsAndResultsLeadBackToWhatCreatedThem() throws SQLException {
    String table = createTable("identity", "id INT PRIMARY KEY");
    try (Connection connection = connect()) {
      Connection expected = expectedStatementConnection(connection);
      try (Statement statement = connection.createStatement()) {
        assertThat(statement.getConnection()).isSameAs(expected);
        try (ResultSet rs = statement.executeQuery("SELECT 1")) {
          assertThat(rs.getStatement()).isSameAs(statement);
        }
        assertThat(statement.execute("SELECT 2")).isTrue();
        try (ResultSet rs = statement.getResultSet()) {
          assertThat(rs.getStatement()).isSameAs(statement);
        }
      }
      try (PreparedStatement prepared = connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ?")) {
        assertThat(prepared.getConnection()).isSameAs(expected);
        prepared.setInt(1, 1);
        try (ResultSet rs = prepared.executeQuery()) {
          assertThat(rs.getStatement()).isSameAs(prepared);
        }
      }
      assertThat(connection.getMetaData().getConnection()).isSameAs(expectedMetaDataConnection(connection));
    }
  }

  @Test
  void unwrapReachesTheVendorObjects() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      Connection unwrapFrom = unwrapFrom(connection);
      assertThat(unwrapFrom.isWrapperFor(dialect.vendorConnection())).isTrue();
      assertThat(unwrapFrom.unwrap(dialect.vendorConnection())).isInstanceOf(dialect.vendorConnection());
      assertThat(connection.isWrapperFor(Connection.class)).isTrue();
      assertThat(connection.isWrapperFor(Map.class)).isFalse();
      assertThatThrownBy(() -> connection.unwrap(Map.class)).isInstanceOf(SQLException.class);

      assertThat(statement.isWrapperFor(dialect.vendorStatement())).isTrue();
      assertThat(statement.unwrap(dialect.vendorStatement())).isInstanceOf(dialect.vendorStatement());
      assertThat(statement.isWrapperFor(Map.class)).isFalse();
    }
  }

  @Test
  void preparedStatementsBindEveryParameter() throws SQLException {
    String table = createTable("products", "sku VARCHAR(20) PRIMARY KEY, price DECIMAL(10,2), "
        + "added DATE, discontinued BOOLEAN, note VARCHAR(50)");
    try (Connection connection = connect()) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, "lead");
        insert.setBigDecimal(2, new BigDecimal("19.90"));
        insert.setObject(3, LocalDate.of(2023, 5, 1));
        insert.setBoolean(4, false);
        insert.setNull(5, Types.VARCHAR);
        assertThat(insert.executeUpdate()).isEqualTo(1);

        insert.clearParameters();
        insert.setString(1, "collar");
        insert.setBigDecimal(2, new BigDecimal("7.25"));
        insert.setObject(3, LocalDate.of(2024, 1, 15));
        insert.setBoolean(4, true);
        insert.setString(5, "last ones");
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT sku, price, discontinued, note FROM " + table + " WHERE price > ? AND added >= ? ORDER BY sku")) {
        assertThat(query.getParameterMetaData().getParameterCount()).isEqualTo(2);
        query.setBigDecimal(1, new BigDecimal("5.00"));
        query.setObject(2, LocalDate.of(2023, 1, 1));
        try (ResultSet rs = query.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("collar");
          assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("7.25"));
          assertThat(rs.getBoolean(3)).isTrue();
          assertThat(rs.getString(4)).isEqualTo("last ones");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("lead");
          assertThat(rs.getBoolean(3)).isFalse();
          assertThat(rs.getString(4)).isNull();
          assertThat(rs.next()).isFalse();
        }
        query.setBigDecimal(1, new BigDecimal("10.00"));
        try (ResultSet rs = query.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("lead");
          assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("19.90"));
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  @Test
  void callableStatementsReturnOutParameters() throws SQLException {
    try (Connection connection = connect()) {
      if (dialect == Dialect.MARIADB) {
        String procedure = prefix + "twice";
        cleanup.push("DROP PROCEDURE IF EXISTS " + procedure);
        execute("CREATE PROCEDURE " + procedure + "(IN x INT, OUT y INT) BEGIN SET y = x * 2; END");
        try (CallableStatement call = connection.prepareCall("{call " + procedure + "(?, ?)}")) {
          assertThat(call.getConnection()).isSameAs(expectedStatementConnection(connection));
          call.setInt(1, 21);
          call.registerOutParameter(2, Types.INTEGER);
          call.execute();
          assertThat(call.getInt(2)).isEqualTo(42);
        }
      } else {
        try (CallableStatement call = connection.prepareCall("{? = call upper(?)}")) {
          assertThat(call.getConnection()).isSameAs(expectedStatementConnection(connection));
          call.registerOutParameter(1, Types.VARCHAR);
          call.setString(2, "leash");
          call.execute();
          assertThat(call.getString(1)).isEqualTo("LEASH");
        }
      }
    }
  }

  @Test
  void slowStatementsRunToCompletion() throws SQLException {
    for (String setup : dialect.sleepSetup()) {
      execute(setup);
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      long start = System.nanoTime();
      statement.execute(dialect.sleepSql(150));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
      assertThat(rows(connection, "SELECT 1")).containsExactly("1");
    }
  }

  /** Creates {@code prefix + name} and drops it after the scenario; returns the full table name. */
  protected final String createTable(String name, String columns) throws SQLException {
    String table = prefix + name;
    cleanup.push("DROP TABLE IF EXISTS " + table);
    execute("CREATE TABLE " + table + " (" + columns + ")");
    return table;
  }

  /** Runs one statement on a connection of its own. */
  protected final void execute(String sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void assertSqlError(Throwable thrown, Dialect.ExpectedError expected) {
    assertThat(thrown).isInstanceOf(SQLException.class);
    SQLException e = (SQLException) thrown;
    assertThat(e.getClass().getName()).isEqualTo(expected.exceptionClass);
    assertThat(e.getSQLState()).isEqualTo(expected.sqlState);
    assertThat(e.getErrorCode()).isEqualTo(expected.errorCode);
  }

  /** Every row of {@code sql}, its columns joined with {@code =}. */
  private static List<String> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= columns; i++) {
        row.append(i > 1 ? "=" : "").append(rs.getString(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  private static String readFully(Reader reader) throws IOException {
    try (Reader in = reader) {
      StringWriter out = new StringWriter();
      in.transferTo(out);
      return out.toString();
    }
  }

  private static byte[] readFully(InputStream stream) throws IOException {
    try (InputStream in = stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
