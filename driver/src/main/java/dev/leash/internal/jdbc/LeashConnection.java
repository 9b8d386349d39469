package dev.leash.internal.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The connection the application holds in place of the driver's. Created by the Leash driver and
 * data source around each physical (URL mode) or borrowed (pool mode) connection; never by
 * application code.
 *
 * <p>Every method delegates to the real connection and lets its exceptions through untouched. What
 * the wrapper adds: it reports usage to its {@link ConnectionHooks} (see that contract for which
 * method triggers which hook), and it keeps the application inside the wrapper family, so that
 * every statement it creates is a Leash statement sharing the same hooks, and {@code
 * getConnection()} on those statements and on {@link #getMetaData()} answers this object rather
 * than the driver's connection. {@link #unwrap(Class)} still reaches the driver's own classes.
 *
 * <p>Like the driver's connection, not safe for concurrent use beyond what the driver allows.
 *
 * <p>Over 400 lines because JDBC is: {@code Connection} has about 60 methods, each delegated, and those
 * that create statements wrap them.
 */
public final class LeashConnection implements Connection {

  private final Connection delegate;
  private final ConnectionHooks hooks;

  /**
   * Wraps {@code delegate}; {@code hooks} hears about every use of it and of its statements.
   *
   * @throws NullPointerException if either argument is null
   */
  public LeashConnection(Connection delegate, ConnectionHooks hooks) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /** The driver's (or pool's) connection this wrapper delegates to. */
  public Connection delegate() {
    return delegate;
  }

  /** The hooks shared by this connection and every statement created from it. */
  public ConnectionHooks hooks() {
    return hooks;
  }

  @Override
  public String toString() {
    return "Leash[" + delegate + "]";
  }

  @Override
  public Statement createStatement() throws SQLException {
    hooks.onConnectionCall();
    return new LeashStatement(delegate.createStatement(), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    hooks.onConnectionCall();
    return new LeashPreparedStatement(delegate.prepareStatement(sql), this);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    hooks.onConnectionCall();
    return new LeashCallableStatement(delegate.prepareCall(sql), this);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    hooks.onConnectionCall();
    return delegate.nativeSQL(sql);
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    hooks.onConnectionCall();
    delegate.setAutoCommit(autoCommit);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getAutoCommit();
  }

  @Override
  public void commit() throws SQLException {
    hooks.onConnectionCall();
    delegate.commit();
  }

  @Override
  public void rollback() throws SQLException {
    hooks.onConnectionCall();
    delegate.rollback();
  }

  @Override
  public void close() throws SQLException {
    // The lease ends when the application gives the connection back, not when the driver has
    // finished closing it: a close() slowed by the database is not a connection held by the application.
    hooks.onClose();
    delegate.close();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    hooks.onConnectionCall();
    return new LeashDatabaseMetaData(delegate.getMetaData(), this);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    hooks.onConnectionCall();
    delegate.setReadOnly(readOnly);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    hooks.onConnectionCall();
    return delegate.isReadOnly();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    hooks.onConnectionCall();
    delegate.setCatalog(catalog);
  }

  @Override
  public String getCatalog() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getCatalog();
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    hooks.onConnectionCall();
    delegate.setTransactionIsolation(level);
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getTransactionIsolation();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    hooks.onClearWarnings();
    delegate.clearWarnings();
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency) throws SQLException {
    hooks.onConnectionCall();
    return new LeashStatement(delegate.createStatement(resultSetType, resultSetConcurrency), this);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    hooks.onConnectionCall();
    return new LeashPreparedStatement(delegate.prepareStatement(
        sql, resultSetType, resultSetConcurrency), this);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    hooks.onConnectionCall();
    return new LeashCallableStatement(delegate.prepareCall(
        sql, resultSetType, resultSetConcurrency), this);
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    hooks.onConnectionCall();
    delegate.setTypeMap(map);
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    hooks.onConnectionCall();
    delegate.setHoldability(holdability);
  }

  @Override
  public int getHoldability() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getHoldability();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    hooks.onConnectionCall();
    return delegate.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    hooks.onConnectionCall();
    return delegate.setSavepoint(name);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    hooks.onConnectionCall();
    delegate.rollback(savepoint);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    hooks.onConnectionCall();
    delegate.releaseSavepoint(savepoint);
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    hooks.onConnectionCall();
    return new LeashStatement(delegate.createStatement(
        resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    hooks.onConnectionCall();
    return new LeashPreparedStatement(delegate.prepareStatement(
        sql, resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    hooks.onConnectionCall();
    return new LeashCallableStatement(delegate.prepareCall(
        sql, resultSetType, resultSetConcurrency, resultSetHoldability), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    hooks.onConnectionCall();
    return new LeashPreparedStatement(delegate.prepareStatement(sql, autoGeneratedKeys), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    hooks.onConnectionCall();
    return new LeashPreparedStatement(delegate.prepareStatement(sql, columnIndexes), this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    hooks.onConnectionCall();
    return new LeashPreparedStatement(delegate.prepareStatement(sql, columnNames), this);
  }

  @Override
  public Clob createClob() throws SQLException {
    hooks.onConnectionCall();
    return delegate.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    hooks.onConnectionCall();
    return delegate.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    hooks.onConnectionCall();
    return delegate.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    hooks.onConnectionCall();
    return delegate.createSQLXML();
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    hooks.onConnectionCall();
    return delegate.isValid(timeout);
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    hooks.onConnectionCall();
    delegate.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    hooks.onConnectionCall();
    delegate.setClientInfo(properties);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    hooks.onConnectionCall();
    return delegate.getClientInfo(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getClientInfo();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    hooks.onConnectionCall();
    return delegate.createArrayOf(typeName, elements);
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    hooks.onConnectionCall();
    return delegate.createStruct(typeName, attributes);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    hooks.onConnectionCall();
    delegate.setSchema(schema);
  }

  @Override
  public String getSchema() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getSchema();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    hooks.onAbort();
    delegate.abort(executor);
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    hooks.onConnectionCall();
    delegate.setNetworkTimeout(executor, milliseconds);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    hooks.onConnectionCall();
    return delegate.getNetworkTimeout();
  }

  @Override
  public void beginRequest() throws SQLException {
    hooks.onConnectionCall();
    delegate.beginRequest();
  }

  @Override
  public void endRequest() throws SQLException {
    hooks.onConnectionCall();
    delegate.endRequest();
  }

  @Override
  public boolean setShardingKeyIfValid(
      ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
    hooks.onConnectionCall();
    return delegate.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    hooks.onConnectionCall();
    return delegate.setShardingKeyIfValid(shardingKey, timeout);
  }

  @Override
  public void setShardingKey(
      ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
    hooks.onConnectionCall();
    delegate.setShardingKey(shardingKey, superShardingKey);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    hooks.onConnectionCall();
    delegate.setShardingKey(shardingKey);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
