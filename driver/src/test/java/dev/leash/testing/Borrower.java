package dev.leash.testing;

import dev.leash.internal.track.Lease;
import dev.leash.internal.track.Pool;
import dev.leash.internal.track.LeaseRegistry;

/** Plays application code taking a connection: outside Leash's packages, so it is a lease's site. */
public final class Borrower {
  private Borrower() {}

  public static Lease borrow(LeaseRegistry registry, Pool owner, Object holder) {
    return registry.start(owner, holder);
  }
}
