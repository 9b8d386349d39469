package dev.leash.event;

import java.util.List;

/**
 * The threads the watchdog saw inside a pool's acquisition method (a pool Leash sees through its JDBC URL
 * only), as data: how many, the longest wait at least, the waits that ended without a connection since the
 * previous look, and where they wait, most first.
 */
public final class Waiters {

  private final int count;
  private final long longestMillis;
  private final String acquireMethod;
  private final long tickMillis;
  private final int failedWaits;
  private final long longestFailedMillis;
  private final List<WaiterSite> sites;

  /**
   * @param acquireMethod the pool's acquisition method as a reader knows it ({@code HikariPool.getConnection()})
   * @param tickMillis how often the watchdog looks
   * @param sites the waiters' places, most first
   */
  public Waiters(int count, long longestMillis, String acquireMethod, long tickMillis, int failedWaits,
      long longestFailedMillis, List<WaiterSite> sites) {
    this.count = count;
    this.longestMillis = longestMillis;
    this.acquireMethod = acquireMethod;
    this.tickMillis = tickMillis;
    this.failedWaits = failedWaits;
    this.longestFailedMillis = longestFailedMillis;
    this.sites = List.copyOf(sites);
  }

  public int count() {
    return count;
  }

  /** How long the longest waiter had waited at least, in ms. */
  public long longestMillis() {
    return longestMillis;
  }

  public String acquireMethod() {
    return acquireMethod;
  }

  public long tickMillis() {
    return tickMillis;
  }

  /** Waits that ended without a connection since the watchdog last looked (the pool's timeout). */
  public int failedWaits() {
    return failedWaits;
  }

  public long longestFailedMillis() {
    return longestFailedMillis;
  }

  /** Most first. Unmodifiable. */
  public List<WaiterSite> sites() {
    return sites;
  }
}
