package dev.leash.event;

import java.util.Objects;

/**
 * An immutable report about a pool that made an application thread wait: {@code pool.wait.slow} for a
 * slow but successful acquisition, {@code pool.exhausted} for a failed one (or a slow one with every
 * connection in use). Exhaustion reports carry the holders and the diagnosis as data; the sentences a log
 * line shows are written from them by Leash's report package.
 */
public final class PoolEvent {

  /** What happened; each maps to one event name of PRODUCT.md. */
  public enum Kind {
    WAIT_SLOW("pool.wait.slow"),
    EXHAUSTED("pool.exhausted"),
    /** {@code connection.nested}: a thread holding a connection of the pool asks it for another. */
    NESTED("connection.nested");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    public String eventName() {
      return eventName;
    }
  }

  private final Kind kind;
  private final String pool;
  private final String db;
  private final String thread;
  private final String site;
  private final String heldSite;
  private final String path;
  private final String heldPath;
  private final long waitMillis;
  private final int inUse;
  private final int max;
  private final int waiting;
  private final Holders holders;
  private final PoolDiagnosis diagnosis;
  private final String failure;
  private final long suppressed;
  private final boolean stillWaiting;

  /**
   * Every field, as a record's canonical constructor: Leash builds these, an application receives them.
   *
   * @param path the helper path of {@code site} (for {@code connection.nested}, of the second acquisition), or null
   * @param heldSite {@code connection.nested}: where the held connection was taken, else null
   * @param heldPath {@code connection.nested}: its helper path, or null
   * @param max the pool's maximum, or -1
   * @param failure the pool's exception message (secrets masked), or null
   * @param holders {@code pool.exhausted}: who held the connections, else null
   * @param diagnosis {@code pool.exhausted}: why the pool ran dry, else null
   */
  public PoolEvent(Kind kind, String pool, String db, String thread, String site, String path, String heldSite,
      String heldPath, long waitMillis, boolean stillWaiting, int inUse, int max, int waiting, String failure,
      long suppressed, Holders holders, PoolDiagnosis diagnosis) {
    this.kind = Objects.requireNonNull(kind);
    this.pool = pool;
    this.db = db;
    this.thread = thread;
    this.site = site;
    this.heldSite = heldSite;
    this.path = path;
    this.heldPath = heldPath;
    this.waitMillis = waitMillis;
    this.inUse = inUse;
    this.max = max;
    this.waiting = waiting;
    this.holders = holders;
    this.diagnosis = diagnosis;
    this.failure = failure;
    this.stillWaiting = stillWaiting;
    this.suppressed = suppressed;
  }

  public Kind kind() {
    return kind;
  }

  public String pool() {
    return pool;
  }

  public String db() {
    return db;
  }

  /** The thread that waited. */
  public String thread() {
    return thread;
  }

  /** Where the waiting thread asked for a connection, {@code Class.method(File.java:line)}. */
  public String site() {
    return site;
  }

  /** For {@code connection.nested}: where the thread took the connection it still holds. */
  public String heldSite() {
    return heldSite;
  }

  /**
   * The helper path of {@link #site()} ({@code connection.nested}: of the second acquisition), or null when the
   * site has one caller or Leash cannot tell.
   */
  public String path() {
    return path;
  }

  /** For {@code connection.nested}: the helper path of the held connection, or null when its site has one caller. */
  public String heldPath() {
    return heldPath;
  }

  /** How long the acquisition waited, in milliseconds. */
  public long waitMillis() {
    return waitMillis;
  }

  /** Connections in use (the pool's own count where an adapter knows it, else Leash's open leases). */
  public int inUse() {
    return inUse;
  }

  /** The pool's maximum size, or -1 when the pool does not say. */
  public int max() {
    return max;
  }

  /** Threads waiting for a connection of this pool right now. */
  public int waiting() {
    return waiting;
  }

  /**
   * {@code leak}, {@code pool_too_small}, {@code slow_queries}, {@code database_unavailable},
   * {@code nested_acquisition}; null for the other kinds.
   */
  public String diagnosis() {
    return diagnosis == null ? null : diagnosis.code();
  }

  /** The diagnosis with its evidence ({@code pool.exhausted}), or null for the other kinds. */
  public PoolDiagnosis diagnosisDetail() {
    return diagnosis;
  }

  /** Who held the pool's connections ({@code pool.exhausted}): open leases grouped by path, most first; else null. */
  public Holders holders() {
    return holders;
  }

  /** The pool's exception message for a failed acquisition (secrets masked), or null. */
  public String failure() {
    return failure;
  }

  /**
   * True when {@link #thread()} was still waiting as the report was made (found by the watchdog), so
   * {@link #waitMillis()} is how long it had waited so far, not the whole wait.
   */
  public boolean stillWaiting() {
    return stillWaiting;
  }

  /** Reports of this kind for this pool dropped by rate limiting since the previous one. */
  public long suppressed() {
    return suppressed;
  }

  @Override
  public String toString() {
    return kind.eventName() + "{pool=" + pool + ", in_use=" + inUse + ", max=" + max + ", waiting=" + waiting
        + ", diagnosis=" + diagnosis() + "}";
  }
}
