package dev.leash.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Objects;

/**
 * The {@link Statement} half of every Leash statement wrapper, shared so that {@link
 * LeashStatement}, {@link LeashPreparedStatement} and {@link LeashCallableStatement} delegate the
 * same way. Package-private: applications only ever see the final subclasses.
 *
 * <p>Only the {@code execute*} methods touch the hooks, bracketing the driver call with {@link
 * ConnectionHooks#onExecuteStart()} and {@link ConnectionHooks#onExecuteEnd()} so that a leak
 * diagnosis can tell a connection stuck in a query from one the application forgot.
 *
 * <p>Over 400 lines because JDBC is: {@code Statement} has about 60 methods, each delegated, and the
 * {@code execute*} ones bracketed by the hooks.
 *
 * @param <S> the JDBC type of the statement being wrapped
 */
abstract class AbstractLeashStatement<S extends Statement> implements Statement {

  final S delegate;
  final LeashConnection connection;
  // Copied from the connection so that the hot path reads one field, not two.
  final ConnectionHooks hooks;

  // The wrapper for the driver's current result set: getResultSet() answers the same object for
  // the same driver result set, as a plain driver would, instead of a fresh wrapper per call.
  private LeashResultSet current;

  AbstractLeashStatement(S delegate, LeashConnection connection) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.connection = connection;
    this.hooks = connection.hooks();
  }

  /** The driver's statement this wrapper delegates to. */
  public final S delegate() {
    return delegate;
  }

  @Override
  public final String toString() {
    return "Leash[" + delegate + "]";
  }

  final ResultSet wrap(ResultSet resultSet) {
    return resultSet == null ? null : new LeashResultSet(resultSet, this);
  }

  final ResultSet wrapCurrent(ResultSet resultSet) {
    if (resultSet == null) {
      return null;
    }
    LeashResultSet wrapper = current;
    if (wrapper == null || wrapper.delegate() != resultSet) {
      wrapper = new LeashResultSet(resultSet, this);
      current = wrapper;
    }
    return wrapper;
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    hooks.onExecuteStart();
    try {
      return wrapCurrent(delegate.executeQuery(sql));
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeUpdate(sql);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate.getMaxFieldSize();
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    delegate.setMaxFieldSize(max);
  }

  @Override
  public int getMaxRows() throws SQLException {
    return delegate.getMaxRows();
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    delegate.setMaxRows(max);
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    delegate.setEscapeProcessing(enable);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate.getQueryTimeout();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    delegate.setQueryTimeout(seconds);
  }

  @Override
  public void cancel() throws SQLException {
    delegate.cancel();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    delegate.setCursorName(name);
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.execute(sql);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return wrapCurrent(delegate.getResultSet());
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate.getUpdateCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return delegate.getMoreResults();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    delegate.setFetchDirection(direction);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    delegate.setFetchSize(rows);
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate.getResultSetType();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    delegate.addBatch(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeBatch();
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    // Delegated first so that a closed statement still throws as the driver would.
    delegate.getConnection();
    return connection;
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return delegate.getMoreResults(current);
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return wrap(delegate.getGeneratedKeys());
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeUpdate(sql, autoGeneratedKeys);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeUpdate(sql, columnIndexes);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeUpdate(sql, columnNames);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.execute(sql, autoGeneratedKeys);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.execute(sql, columnIndexes);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.execute(sql, columnNames);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate.getResultSetHoldability();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    delegate.setPoolable(poolable);
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate.isPoolable();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate.closeOnCompletion();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate.isCloseOnCompletion();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return delegate.getLargeUpdateCount();
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    delegate.setLargeMaxRows(max);
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return delegate.getLargeMaxRows();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeLargeBatch();
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeLargeUpdate(sql);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeLargeUpdate(sql, autoGeneratedKeys);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeLargeUpdate(sql, columnIndexes);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    hooks.onExecuteStart();
    try {
      return delegate.executeLargeUpdate(sql, columnNames);
    } finally {
      hooks.onExecuteEnd();
    }
  }

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    return delegate.enquoteLiteral(val);
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    return delegate.enquoteIdentifier(identifier, alwaysQuote);
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    return delegate.isSimpleIdentifier(identifier);
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    return delegate.enquoteNCharLiteral(val);
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
