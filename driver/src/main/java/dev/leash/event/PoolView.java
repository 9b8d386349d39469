package dev.leash.event;

/**
 * A live, read-only view of one pool or data source that leases are taken from, for listeners that
 * publish gauges (Micrometer). Reached through {@link LeaseView#poolView()}. It holds the pool itself
 * only weakly, so keeping a view does not keep a pool alive; keep the view weakly too.
 *
 * <p>The counts a pool reports about itself ({@link #max()}, {@link #active()}, {@link #idle()},
 * {@link #poolWaiting()}) are read from the pool on every call (by reflection for most pools): call
 * them when a gauge is read, never on the path of a {@code getConnection()}.
 */
public interface PoolView {

  /** The pool's name, as in {@link LeaseView#pool()}. */
  String name();

  /** Leases open right now (connections Leash handed to application code and saw no return of). */
  int openLeases();

  /** Threads inside a {@code getConnection()} of this pool right now, as Leash counts them; 0 in URL mode. */
  int waiting();

  /** Whether Leash has an adapter that can read the pool's own counts; cheap, no reflection. */
  boolean poolCountsKnown();

  /** The pool's maximum size, or -1 when unknown. */
  int max();

  /** Connections the pool counts as borrowed, or -1 when unknown. */
  int active();

  /** Connections idle in the pool, or -1 when unknown. */
  int idle();

  /** The most idle connections the pool keeps (its {@code maxIdle}), or -1 when it has no such bound or is unknown. */
  default int idleMax() {
    return -1;
  }

  /** The fewest idle connections the pool keeps (its {@code minIdle}), or -1 when it has no such bound or is unknown. */
  default int idleMin() {
    return -1;
  }

  /** Threads the pool itself counts as waiting, or -1 when unknown. */
  int poolWaiting();
}
