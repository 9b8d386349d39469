package dev.leash.event;

import java.util.Objects;

/**
 * An immutable report about a pool that made an application thread wait: {@code pool.wait.slow} for a
 * slow but successful acquisition, {@code pool.exhausted} for a failed one (or a slow one with every
 * connection in use). Exhaustion reports carry the holders report and the diagnosis.
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
  private final String diagnosis;
  private final String diagnosisText;
  private final String holdersReport;
  private final String failure;
  private final long suppressed;
  private final boolean stillWaiting;

  private PoolEvent(Builder b) {
    this.kind = Objects.requireNonNull(b.kind);
    this.pool = b.pool;
    this.db = b.db;
    this.thread = b.thread;
    this.site = b.site;
    this.heldSite = b.heldSite;
    this.path = b.path;
    this.heldPath = b.heldPath;
    this.waitMillis = b.waitMillis;
    this.inUse = b.inUse;
    this.max = b.max;
    this.waiting = b.waiting;
    this.diagnosis = b.diagnosis;
    this.diagnosisText = b.diagnosisText;
    this.holdersReport = b.holdersReport;
    this.failure = b.failure;
    this.stillWaiting = b.stillWaiting;
    this.suppressed = b.suppressed;
  }

  public static Builder builder(Kind kind) {
    return new Builder(kind);
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

  /** For {@code connection.nested}: the helper path of the second acquisition, or null when its site has one caller. */
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
    return diagnosis;
  }

  /** The diagnosis in one sentence with its evidence. */
  public String diagnosisText() {
    return diagnosisText;
  }

  /** The multi-line holders report: open leases grouped by site, worst first. */
  public String holdersReport() {
    return holdersReport;
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
        + ", diagnosis=" + diagnosis + "}";
  }

  /** Builder; fields not set stay null or 0. */
  public static final class Builder {
    private final Kind kind;
    private String pool;
    private String db;
    private String thread;
    private String site;
    private String heldSite;
    private String path;
    private String heldPath;
    private long waitMillis;
    private int inUse;
    private int max = -1;
    private int waiting;
    private String diagnosis;
    private String diagnosisText;
    private String holdersReport;
    private String failure;
    private long suppressed;
    private boolean stillWaiting;

    private Builder(Kind kind) {
      this.kind = kind;
    }

    public Builder pool(String v) { pool = v; return this; }
    public Builder db(String v) { db = v; return this; }
    public Builder thread(String v) { thread = v; return this; }
    public Builder site(String v) { site = v; return this; }
    public Builder heldSite(String v) { heldSite = v; return this; }
    public Builder path(String v) { path = v; return this; }
    public Builder heldPath(String v) { heldPath = v; return this; }
    public Builder waitMillis(long v) { waitMillis = v; return this; }
    public Builder inUse(int v) { inUse = v; return this; }
    public Builder max(int v) { max = v; return this; }
    public Builder waiting(int v) { waiting = v; return this; }
    public Builder diagnosis(String code, String text) { diagnosis = code; diagnosisText = text; return this; }
    public Builder holdersReport(String v) { holdersReport = v; return this; }
    public Builder failure(String v) { failure = v; return this; }
    public Builder suppressed(long v) { suppressed = v; return this; }
    public Builder stillWaiting(boolean v) { stillWaiting = v; return this; }

    public PoolEvent build() {
      return new PoolEvent(this);
    }
  }
}
