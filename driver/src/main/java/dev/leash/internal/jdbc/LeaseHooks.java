package dev.leash.internal.jdbc;

import dev.leash.internal.track.Lease;
import dev.leash.internal.track.LeaseRegistry;

/**
 * Hooks for a connection whose whole life is one lease: a direct {@code DriverManager} connection
 * in URL mode, or a connection handed out by {@code LeashDataSource}. The lease starts when the
 * wrapper is created and ends at {@code close()} or {@code abort()}.
 */
final class LeaseHooks implements ConnectionHooks {

  private final LeaseRegistry registry;
  private Lease lease;

  private LeaseHooks(LeaseRegistry registry) {
    this.registry = registry;
  }

  /** Wraps {@code real} and starts its lease; the wrapper is the lease's weakly held holder. */
  static LeashConnection track(java.sql.Connection real, LeaseRegistry registry, dev.leash.internal.track.Pool owner,
      dev.leash.internal.track.CapturedStack stack) {
    return track(real, registry, owner, stack, 0);
  }

  /** As above, the lease starting at {@code startNanos} (the registry clock's reading; 0: read it now). */
  static LeashConnection track(java.sql.Connection real, LeaseRegistry registry, dev.leash.internal.track.Pool owner,
      dev.leash.internal.track.CapturedStack stack, long startNanos) {
    LeaseHooks hooks = new LeaseHooks(registry);
    LeashConnection wrapper = new LeashConnection(real, hooks);
    hooks.lease = registry.start(owner, wrapper, stack, startNanos);
    return wrapper;
  }

  @Override
  public void onConnectionCall() {
    lease.used();
  }

  @Override
  public void onExecuteStart() {
    lease.executeStarted();
  }

  @Override
  public void onExecuteEnd() {
    lease.executeEnded();
  }

  @Override
  public void onClose() {
    registry.end(lease);
  }

  @Override
  public void onAbort() {
    registry.end(lease);
  }
}
