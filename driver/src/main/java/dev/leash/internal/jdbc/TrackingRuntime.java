package dev.leash.internal.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.internal.track.LeaseRegistry;

/**
 * The process's tracking as the wrappers see it: handed down by the entry point that creates them
 * ({@code LeashDriver}, {@code LeashDataSource}, the agent's delegate), which asks the process-wide wiring for
 * it once ({@code dev.leash.internal.LeashRuntime.get()}). Nothing in this package looks it up itself.
 */
public interface TrackingRuntime {

  /** The lease registry; created on the first call (with the reporter), so call it only when a lease may begin. */
  LeaseRegistry registry();

  /**
   * Whether the registry exists yet. Before it does no lease can be open, so the agent's close/execute hooks
   * (which run for every connection in the process) return at once instead of creating it, and its logging,
   * on some pool's housekeeping thread.
   */
  boolean created();

  /**
   * Emits {@code leash.started} once per process with the first configuration seen, and installs the outputs
   * that configuration enables, before the lease about to begin. Called before every lease begins; after the
   * first call, one volatile read.
   *
   * @param mode the entry point: {@code driver}, {@code datasource} or {@code agent}
   */
  void started(String mode, LeashConfig config);

  /** Who tracks a borrow; one per runtime. */
  TrackingMode mode();

  /** The pools shared by (name, URL, configuration), in this runtime's registry; one per runtime. */
  SharedPools pools();
}
