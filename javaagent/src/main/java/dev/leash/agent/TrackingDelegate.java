package dev.leash.agent;

import dev.leash.agent.bootstrap.LeashHooks;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.jdbc.InstrumentedLeases;
import java.sql.Statement;

/** The bootstrap hooks' delegate: turns what the advice saw into leases through {@link InstrumentedLeases}. */
final class TrackingDelegate implements LeashHooks.Delegate {

  @Override
  public long acquireStarted(Object dataSource) {
    return InstrumentedLeases.acquireStarted(dataSource);
  }

  @Override
  public void dataSourceAcquired(Object dataSource, long start, Object connection, Throwable thrown) {
    InstrumentedLeases.acquireEnded(dataSource, start, connection, thrown);
  }

  @Override
  public void driverAcquired(Object connection, String url) {
    InstrumentedLeases.driverAcquired(connection, url);
  }

  @Override
  public void closed(Object connection) {
    InstrumentedLeases.closed(connection);
  }

  @Override
  public Object executeStarted(Object statement) {
    if (!LeashRuntime.created() || !(statement instanceof Statement)) {
      return null; // nothing tracked yet: skip getConnection() on the hot path
    }
    Object connection;
    try {
      connection = ((Statement) statement).getConnection();
    } catch (Throwable closedOrOdd) {
      return null;
    }
    return InstrumentedLeases.executeStarted(connection);
  }

  @Override
  public void executeEnded(Object token) {
    InstrumentedLeases.executeEnded(token);
  }
}
