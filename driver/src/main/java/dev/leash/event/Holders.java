package dev.leash.event;

import java.util.List;

/**
 * Who held one pool's connections when a report was made, as data: the open leases grouped by path
 * ({@link HolderGroup}, most first), connections lost to confirmed leaks, leases Leash did not track, and the
 * sampled waiters where Leash sees the pool only through its URL. What {@code pool.exhausted}, the JMX
 * {@code dump()} and {@code leash-agent.jar dump} show as the holders report.
 */
public final class Holders {

  private final String pool;
  private final int openLeases;
  private final List<HolderGroup> groups;
  private final int lost;
  private final String lastLostSite;
  private final long droppedLeases;
  private final Waiters waiters;

  /**
   * @param lost connections the pool counts in use that no lease explains: garbage-collected without close()
   * @param droppedLeases leases not tracked because too many were open at once (Leash's bound on memory)
   * @param waiters the sampled waiters, or null
   */
  public Holders(String pool, int openLeases, List<HolderGroup> groups, int lost, String lastLostSite,
      long droppedLeases, Waiters waiters) {
    this.pool = pool;
    this.openLeases = openLeases;
    this.groups = List.copyOf(groups);
    this.lost = lost;
    this.lastLostSite = lastLostSite;
    this.droppedLeases = droppedLeases;
    this.waiters = waiters;
  }

  public String pool() {
    return pool;
  }

  public int openLeases() {
    return openLeases;
  }

  /** Most leases first (ties: the longest held first). Unmodifiable. */
  public List<HolderGroup> groups() {
    return groups;
  }

  public int lost() {
    return lost;
  }

  public String lastLostSite() {
    return lastLostSite;
  }

  public long droppedLeases() {
    return droppedLeases;
  }

  /** The sampled waiters, or null where Leash times every wait itself. */
  public Waiters waiters() {
    return waiters;
  }
}
