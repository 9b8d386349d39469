package dev.leash.event;

import java.util.List;

/**
 * One pool as Leash sees it at one moment, as data: its counts, who holds its connections (grouped by
 * place, most first, as in the holders report) and the last {@code pool.exhausted} report with its
 * diagnosis. Taken by {@code LeashDataSource.snapshot()} for readers that are not log files, such as the
 * Spring Boot Actuator endpoint. Immutable.
 *
 * <p>Counts the pool reports about itself ({@link #max()}, {@link #active()}, {@link #idle()}) are
 * -1 when Leash has no adapter for the pool or has not seen it hand out a connection yet.
 */
public final class PoolSnapshot {

  private final String name;
  private final String db;
  private final long takenAtMillis;
  private final int openLeases;
  private final int waiting;
  private final int max;
  private final int active;
  private final int idle;
  private final List<HolderGroup> holders;
  private final int lost;
  private final String lastLostSite;
  private final PoolEvent lastExhausted;
  private final long lastExhaustedAtMillis;

  /**
   * @param lost connections of this pool garbage-collected without {@code close()} ({@code connection.leak.confirmed})
   * @param lastLostSite where the last of those was taken, or null
   * @param lastExhausted the last {@code pool.exhausted} event of this pool, or null when there was none
   * @param lastExhaustedAtMillis when it was reported, epoch milliseconds; 0 when there was none
   */
  public PoolSnapshot(String name, String db, long takenAtMillis, int openLeases, int waiting, int max, int active,
      int idle, List<HolderGroup> holders, int lost, String lastLostSite, PoolEvent lastExhausted,
      long lastExhaustedAtMillis) {
    this.name = name;
    this.db = db;
    this.takenAtMillis = takenAtMillis;
    this.openLeases = openLeases;
    this.waiting = waiting;
    this.max = max;
    this.active = active;
    this.idle = idle;
    this.holders = List.copyOf(holders);
    this.lost = lost;
    this.lastLostSite = lastLostSite;
    this.lastExhausted = lastExhausted;
    this.lastExhaustedAtMillis = lastExhaustedAtMillis;
  }

  /** The pool's name, as in every report's {@code pool} key. */
  public String name() {
    return name;
  }

  /** The database URL, secrets masked; null when not known yet. */
  public String db() {
    return db;
  }

  /** When this snapshot was taken, epoch milliseconds. */
  public long takenAtMillis() {
    return takenAtMillis;
  }

  /** Connections handed to application code and not returned yet, as Leash counts them. */
  public int openLeases() {
    return openLeases;
  }

  /** Threads inside this pool's {@code getConnection()} right now, as Leash counts them. */
  public int waiting() {
    return waiting;
  }

  /** The pool's maximum size, or -1. */
  public int max() {
    return max;
  }

  /** Connections the pool counts as borrowed, or -1. */
  public int active() {
    return active;
  }

  /** Connections idle in the pool, or -1. */
  public int idle() {
    return idle;
  }

  /** Open leases grouped by place, most leases first (ties: the longest held first). Unmodifiable. */
  public List<HolderGroup> holders() {
    return holders;
  }

  /**
   * Connections of this pool that were garbage-collected without {@code close()} since the process
   * started: confirmed leaks, which a pool has lost for good. They are no longer among the holders.
   */
  public int lost() {
    return lost;
  }

  /** Where the last lost connection was taken, {@code Class.method(File.java:line)}; null when none was lost. */
  public String lastLostSite() {
    return lastLostSite;
  }

  /**
   * The last {@code pool.exhausted} event of this pool (its {@link PoolEvent#diagnosis()} is the last
   * diagnosis), or null when the pool has not run dry since the process started.
   */
  public PoolEvent lastExhausted() {
    return lastExhausted;
  }

  /** When {@link #lastExhausted()} was reported, epoch milliseconds; 0 when it is null. */
  public long lastExhaustedAtMillis() {
    return lastExhaustedAtMillis;
  }

  @Override
  public String toString() {
    return "PoolSnapshot{pool=" + name + ", open=" + openLeases + ", waiting=" + waiting + ", max=" + max
        + ", groups=" + holders.size() + ", last=" + lastExhausted + "}";
  }
}
