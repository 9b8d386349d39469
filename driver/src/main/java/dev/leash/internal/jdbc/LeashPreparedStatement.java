package dev.leash.internal.jdbc;

import java.sql.PreparedStatement;

/**
 * The prepared statement {@link LeashConnection#prepareStatement(String)} (every overload) hands
 * out in place of the driver's. Delegates every method; its {@code execute*} methods report to the
 * connection's {@link ConnectionHooks}, its result sets are {@link LeashResultSet}s and {@link
 * #getConnection()} answers the {@link LeashConnection} that created it.
 */
public final class LeashPreparedStatement
    extends AbstractLeashPreparedStatement<PreparedStatement> {

  LeashPreparedStatement(PreparedStatement delegate, LeashConnection connection) {
    super(delegate, connection);
  }
}
