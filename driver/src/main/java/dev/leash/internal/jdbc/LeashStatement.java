package dev.leash.internal.jdbc;

import java.sql.Statement;

/**
 * The plain statement {@link LeashConnection#createStatement()} (every overload) hands out in place
 * of the driver's, and the wrapper {@link LeashDatabaseMetaData} puts around a metadata result
 * set's statement. Delegates every method; its {@code execute*} methods report to the connection's
 * {@link ConnectionHooks}, its result sets are {@link LeashResultSet}s and {@link #getConnection()}
 * answers the {@link LeashConnection} it belongs to.
 */
public final class LeashStatement extends AbstractLeashStatement<Statement> {

  LeashStatement(Statement delegate, LeashConnection connection) {
    super(delegate, connection);
  }
}
