package dev.leash.agent;

import dev.leash.agent.bootstrap.LeashHooks;
import dev.leash.config.LeashConfig;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.jdbc.InstrumentedLeases;
import dev.leash.internal.jdbc.TrackingRuntime;

/** The bootstrap hooks' delegate: turns what the advice saw into leases through {@link InstrumentedLeases}. */
final class TrackingDelegate implements LeashHooks.Delegate {

  private final InstrumentedLeases leases;

  private TrackingDelegate(InstrumentedLeases leases) {
    this.leases = leases;
  }

  /**
   * Starts tracking and hands the hooks their delegate. Called only once the hooks are in the bootstrap class
   * loader: verifying this class loads {@link LeashHooks.Delegate}, which must come from there, not this jar.
   * The agent's entry point: it asks for the process's runtime once (creating nothing yet: no registry, no
   * logging in {@code premain}), decides that the agent tracks borrows from now on, and hands the runtime down.
   */
  static void install(LeashConfig config) {
    TrackingRuntime runtime = LeashRuntime.get();
    runtime.mode().agentInstalled();
    LeashHooks.delegate = new TrackingDelegate(new InstrumentedLeases(runtime, config));
  }

  /** Undoes {@link #install} when the agent could not finish starting: the hooks do nothing, the driver tracks again. */
  static void uninstall() {
    LeashHooks.delegate = null;
    LeashRuntime.get().mode().agentGone();
  }

  @Override
  public long acquireStarted(Object dataSource) {
    return leases.acquireStarted(dataSource);
  }

  @Override
  public void dataSourceAcquired(Object dataSource, long start, Object connection, Throwable thrown) {
    leases.acquireEnded(dataSource, start, connection, thrown);
  }

  @Override
  public void driverAcquired(Object connection, String url) {
    leases.driverAcquired(connection, url);
  }

  @Override
  public void closed(Object connection) {
    leases.closed(connection);
  }

  @Override
  public void statementCreated(Object connection, Object statement) {
    leases.statementCreated(connection, statement);
  }

  /** Never calls the statement: its connection is what {@link #statementCreated} recorded. */
  @Override
  public Object executeStarted(Object statement) {
    return leases.executeStarted(statement);
  }

  @Override
  public void executeEnded(Object token) {
    leases.executeEnded(token);
  }
}
