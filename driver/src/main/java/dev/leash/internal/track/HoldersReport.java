package dev.leash.internal.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The holders report: who holds connections right now. Open leases grouped by site, the site with the
 * most leases first (ties: the oldest lease first); per site the count, held-time range, how many are
 * idle or busy in a statement, the holder threads' names, one representative acquisition stack, and
 * what each live holder thread is doing now (its top frames). Used by {@code leash-agent.jar dump};
 * plain text, one report per call.
 */
public final class HoldersReport {

  /** Thread names listed per site; the rest is counted. */
  static final int MAX_THREAD_NAMES = 10;
  /** Live holder threads whose current frames are shown per site. */
  static final int MAX_LIVE_THREADS = 3;
  /** Current frames shown per live holder thread. */
  static final int LIVE_FRAMES = 5;

  private HoldersReport() {}

  /**
   * Renders {@code leases} (typically {@code LeashRuntime.registry().openLeases()}).
   *
   * @param nowNanos the registry clock's {@code nanoTime()} now, to compute held times
   */
  public static String render(List<Lease> leases, long nowNanos) {
    StringBuilder b = new StringBuilder(1024);
    if (leases.isEmpty()) {
      return b.append("Leash holders report: no open connections.\n").toString();
    }
    Map<String, List<Lease>> bySite = new LinkedHashMap<>();
    for (Lease lease : leases) {
      bySite.computeIfAbsent(lease.site(), k -> new ArrayList<>()).add(lease);
    }
    List<List<Lease>> groups = new ArrayList<>(bySite.values());
    for (List<Lease> g : groups) {
      g.sort(Comparator.comparingLong(Lease::startNanos));
    }
    groups.sort(Comparator.<List<Lease>>comparingInt(List::size).reversed()
        .thenComparingLong(g -> g.get(0).startNanos()));
    b.append("Leash holders report: ").append(leases.size()).append(" open connection")
        .append(leases.size() == 1 ? "" : "s").append(" at ").append(groups.size()).append(" site")
        .append(groups.size() == 1 ? "" : "s").append('\n');
    for (List<Lease> g : groups) {
      site(b, g, nowNanos);
    }
    return b.toString();
  }

  private static void site(StringBuilder b, List<Lease> g, long nowNanos) {
    Lease oldest = g.get(0);
    Lease newest = g.get(g.size() - 1);
    int busy = 0;
    Set<String> pools = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    List<Thread> live = new ArrayList<>();
    for (Lease lease : g) {
      if (lease.busy()) {
        busy++;
      }
      pools.add(lease.pool());
      names.add(lease.threadName());
      Thread t = lease.liveThread();
      if (t != null && live.size() < MAX_LIVE_THREADS && !live.contains(t)) {
        live.add(t);
      }
    }
    b.append('\n').append(g.size()).append(" held at ").append(oldest.site()).append('\n');
    b.append("  held ").append(human(nowNanos - newest.startNanos())).append(" to ")
        .append(human(nowNanos - oldest.startNanos())).append("; idle ").append(g.size() - busy)
        .append(", busy ").append(busy).append("; pool ").append(String.join(", ", pools)).append('\n');
    b.append("  threads: ");
    int shown = 0;
    for (String n : names) {
      if (shown == MAX_THREAD_NAMES) {
        b.append(", … ").append(names.size() - shown).append(" more");
        break;
      }
      b.append(shown == 0 ? "" : ", ").append(n);
      shown++;
    }
    b.append('\n');
    List<StackTraceElement> stack = oldest.stack();
    if (!stack.isEmpty()) {
      b.append("  acquired at:\n");
      for (StackTraceElement e : stack) {
        b.append("    at ").append(CapturedStack.format(e)).append('\n');
      }
    }
    for (Thread t : live) {
      b.append("  thread ").append(t.getName()).append(" now (").append(t.getState()).append("):\n");
      StackTraceElement[] now = t.getStackTrace();
      for (int i = 0; i < Math.min(LIVE_FRAMES, now.length); i++) {
        b.append("    at ").append(CapturedStack.format(now[i])).append('\n');
      }
    }
  }

  private static String human(long nanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
  }
}
