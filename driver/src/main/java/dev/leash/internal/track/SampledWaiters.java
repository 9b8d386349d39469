package dev.leash.internal.track;

import dev.leash.event.WaiterSite;
import dev.leash.event.Waiters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The threads the watchdog saw inside a pool's acquisition method (URL mode), with the application
 * line each one is waiting at (and its helper path, where Leash knows one): which endpoints are starved,
 * next to who holds the connections.
 */
final class SampledWaiters {

  final int count;
  final long longestNanos;
  /** The longest-waiting thread and the application line it waits at. */
  final String longestThread;
  final String longestSite;
  String longestPath;
  /** Waiting threads per place, in the order first seen. */
  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private final Map<String, String[]> places = new LinkedHashMap<>();
  /**
   * The thread whose wait was the longest of those that failed since the previous look, and where it waits
   * now, if it asked again at once (it is among the waiters); else null.
   */
  String failedThread;
  String failedSite;
  String failedPath;

  SampledWaiters(int count, long longestNanos, String longestThread, String longestSite) {
    this.count = count;
    this.longestNanos = longestNanos;
    this.longestThread = longestThread;
    this.longestSite = longestSite;
  }

  /** One more waiter at {@code site}, on helper path {@code path} (null when the site has one caller). */
  void waitsAt(String site, String path) {
    String key = path != null ? path : site;
    counts.computeIfAbsent(key, k -> new int[1])[0]++;
    places.putIfAbsent(key, new String[] {site, path});
  }

  /** As data for the holders report: the waiters, and the waits that failed since the watchdog last looked. */
  Waiters waiters(String acquireDescription, long tickNanos, int failedWaits, long longestFailedNanos) {
    List<WaiterSite> sites = new ArrayList<>(counts.size());
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      String[] place = places.get(e.getKey());
      sites.add(new WaiterSite(place[0], place[1], e.getValue()[0]));
    }
    sites.sort((a, b) -> b.count() - a.count());
    return new Waiters(count, millis(longestNanos), acquireDescription, millis(tickNanos), failedWaits,
        millis(longestFailedNanos), sites);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
