package dev.leash.agent;

import dev.leash.agent.bootstrap.LeashHooks;
import dev.leash.config.LeashConfig;
import dev.leash.internal.jdbc.InstrumentedLeases;

/** The bootstrap hooks' delegate: turns what the advice saw into leases through {@link InstrumentedLeases}. */
final class TrackingDelegate implements LeashHooks.Delegate {

  /**
   * Starts tracking and hands the hooks their delegate. Called only once the hooks are in the bootstrap class
   * loader: verifying this class loads {@link LeashHooks.Delegate}, which must come from there, not this jar.
   */
  static void install(LeashConfig config) {
    InstrumentedLeases.install(config);
    LeashHooks.delegate = new TrackingDelegate();
  }

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
  public void statementCreated(Object connection, Object statement) {
    InstrumentedLeases.statementCreated(connection, statement);
  }

  /** Never calls the statement: its connection is what {@link #statementCreated} recorded. */
  @Override
  public Object executeStarted(Object statement) {
    return InstrumentedLeases.executeStarted(statement);
  }

  @Override
  public void executeEnded(Object token) {
    InstrumentedLeases.executeEnded(token);
  }
}
