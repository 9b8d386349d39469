package dev.leash.internal.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The threads the watchdog saw inside a pool's acquisition method (URL mode), with the application
 * line each one is waiting at: which endpoints are starved, next to who holds the connections.
 */
final class SampledWaiters {

  private static final int SITES_SHOWN = 5;

  final int count;
  final long longestNanos;
  /** The longest-waiting thread and the application line it waits at. */
  final String longestThread;
  final String longestSite;
  /** Waiting threads per site, most first. */
  final List<Map.Entry<String, Integer>> bySite;
  /**
   * The thread whose wait was the longest of those that failed since the previous look, and where it waits
   * now, if it asked again at once (it is among the waiters); else null.
   */
  String failedThread;
  String failedSite;

  SampledWaiters(int count, long longestNanos, String longestThread, String longestSite, Map<String, Integer> bySite) {
    this.count = count;
    this.longestNanos = longestNanos;
    this.longestThread = longestThread;
    this.longestSite = longestSite;
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(bySite.entrySet());
    sorted.sort((a, b) -> b.getValue() - a.getValue());
    this.bySite = sorted;
  }

  /**
   * One line for the holders report: how many wait, since when at least, and where; and how many waits
   * ended without a connection since the watchdog last looked ({@code failedWaits}).
   */
  String describe(String acquireDescription, long tickNanos, int failedWaits, long longestFailedNanos) {
    StringBuilder b = new StringBuilder(256);
    b.append("Waiting: ").append(count).append(count == 1 ? " thread" : " threads").append(" inside ").append(acquireDescription);
    if (count > 0) {
      b.append(", the longest for at least ").append(HoldersReport.human(longestNanos));
    }
    b.append(" (seen by the watchdog every ").append(HoldersReport.human(tickNanos)).append(')');
    if (failedWaits > 0) {
      b.append("; ").append(failedWaits).append(failedWaits == 1 ? " wait" : " waits")
          .append(" ended without a connection since it last looked, the longest after at least ").append(HoldersReport.human(longestFailedNanos))
          .append(" (the pool's timeout: nothing was returned or opened meanwhile)");
    }
    b.append(count > 0 ? ", at:" : ".");
    int shown = 0;
    for (Map.Entry<String, Integer> e : bySite) {
      if (shown++ == SITES_SHOWN) {
        b.append("\n    ... ").append(bySite.size() - SITES_SHOWN).append(" more sites");
        break;
      }
      b.append("\n    ").append(e.getValue()).append(" x ").append(e.getKey());
    }
    return b.toString();
  }
}
