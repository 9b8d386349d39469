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
 * Who holds the connections: open leases grouped by path (by site when the site has one caller), the group
 * holding most first. Shared by the
 * {@code pool.exhausted} event, the JMX {@code dump()} and {@code leash-agent.jar dump}.
 */
public final class HoldersReport {

  private static final int THREAD_NAMES_SHOWN = 5;
  /** Distinct request contexts (trace ids) kept and shown per site. */
  static final int CONTEXTS_SHOWN = 5;
  private static final int STACK_FRAMES_SHOWN = 12;
  /** Holder threads whose current frames are shown per site, and how many frames each. */
  private static final int LIVE_THREADS_SHOWN = 3;
  private static final int CURRENT_FRAMES_SHOWN = 6;

  private HoldersReport() {}

  /** The leases of one path (or of one site, when it has a single caller). */
  public static final class Group {
    final String site;
    final String path;
    final List<Lease> leases = new ArrayList<>();
    long minHeld = Long.MAX_VALUE;
    long maxHeld;
    long minIdle = Long.MAX_VALUE;
    long maxIdle;
    int idle;
    int busy;
    final Set<String> threads = new LinkedHashSet<>();
    /** The first {@link #CONTEXTS_SHOWN} distinct request contexts, {@code trace_id=... span_id=...}. */
    final Set<String> contexts = new LinkedHashSet<>();
    int withContext;

    Group(String site, String path) {
      this.site = site;
      this.path = path;
    }

    /** The first application frame, as in the key-value {@code site}. */
    public String site() {
      return site;
    }

    /** The helper path of this group, or null when the site has one caller. */
    public String path() {
      return path;
    }

    /** The path when there is one, else the site: what the report and a diagnosis name. */
    public String where() {
      return path != null ? path : site;
    }

    public int count() {
      return leases.size();
    }

    public int idleCount() {
      return idle;
    }

    public int busyCount() {
      return busy;
    }

    public long minHeldNanos() {
      return minHeld;
    }

    public long maxHeldNanos() {
      return maxHeld;
    }

    /** The requests that took these connections ({@code trace_id=... span_id=...}), the first few distinct ones. */
    public Set<String> contexts() {
      return contexts;
    }
  }

  /** Groups {@code leases} by path (site when it has one caller), most leases first (ties: longest held first). */
  public static List<Group> group(List<Lease> leases, long now) {
    Map<String, Group> bySite = new LinkedHashMap<>();
    for (Lease l : leases) {
      String path = l.path();
      Group g = bySite.computeIfAbsent(path != null ? path : l.site(), k -> new Group(l.site(), path));
      g.leases.add(l);
      long held = l.heldNanos(now);
      g.minHeld = Math.min(g.minHeld, held);
      g.maxHeld = Math.max(g.maxHeld, held);
      if (l.busy()) {
        g.busy++;
      } else {
        g.idle++;
        long idle = l.idleNanos(now);
        g.minIdle = Math.min(g.minIdle, idle);
        g.maxIdle = Math.max(g.maxIdle, idle);
      }
      g.threads.add(l.threadName());
      Map<String, String> context = l.context();
      if (!context.isEmpty()) {
        g.withContext++;
        if (g.contexts.size() < CONTEXTS_SHOWN) {
          g.contexts.add(format(context));
        }
      }
    }
    List<Group> groups = new ArrayList<>(bySite.values());
    groups.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Comparator.comparingLong(Group::maxHeldNanos).reversed()));
    return groups;
  }

  /**
   * Every open lease of the process, pool by pool: what the JMX {@code dump()} and
   * {@code leash-agent.jar dump <pid>} print.
   */
  public static String renderByPool(List<Lease> leases, long now) {
    return renderByPool(leases, now, 0);
  }

  /**
   * As {@link #renderByPool(List, long)}, saying how many leases were not tracked because the
   * registry was at its bound ({@link LeaseRegistry#droppedLeases()}), when there were any.
   */
  public static String renderByPool(List<Lease> leases, long now, long droppedLeases) {
    return renderByPool(leases, List.of(), now, droppedLeases);
  }

  /**
   * As {@link #renderByPool(List, long, long)}, listing every pool of {@code pools} too, also those with no
   * open connection ({@link LeaseRegistry#trackedPools()}).
   */
  public static String renderByPool(List<Lease> leases, List<LeaseOwner> pools, long now, long droppedLeases) {
    Map<String, List<Lease>> byPool = new LinkedHashMap<>();
    for (LeaseOwner pool : pools) {
      byPool.computeIfAbsent(pool.name(), k -> new ArrayList<>());
    }
    for (Lease l : leases) {
      byPool.computeIfAbsent(l.pool(), k -> new ArrayList<>()).add(l);
    }
    StringBuilder b = new StringBuilder("Leash holders report: ").append(leases.size())
        .append(leases.size() == 1 ? " open connection in " : " open connections in ").append(byPool.size())
        .append(byPool.size() == 1 ? " pool" : " pools");
    b.append(dropped(droppedLeases));
    for (Map.Entry<String, List<Lease>> pool : byPool.entrySet()) {
      b.append("\n\nPool ").append(pool.getKey()).append(":\n").append(render(pool.getValue(), now));
    }
    return b.append('\n').toString();
  }

  /** The note on untracked leases, or the empty string when none were dropped. */
  static String dropped(long droppedLeases) {
    if (droppedLeases <= 0) {
      return "";
    }
    return "\n(" + droppedLeases + (droppedLeases == 1 ? " lease was" : " leases were")
        + " not tracked because too many connections were open at once: Leash's bound on memory)";
  }

  /** The readable multi-line report of {@code leases}. */
  public static String render(List<Lease> leases, long now) {
    List<Group> groups = group(leases, now);
    StringBuilder b = new StringBuilder();
    b.append("Holders: ").append(leases.size()).append(leases.size() == 1 ? " open lease" : " open leases");
    if (!groups.isEmpty()) {
      b.append(", by site (most first):");
    }
    for (Group g : groups) {
      b.append("\n  ").append(g.count()).append(" x ").append(g.where())
          .append("\n      held ").append(range(g.minHeld, g.maxHeld))
          .append(", ").append(g.idle).append(" idle");
      if (g.idle > 0 && g.maxIdle > 0) {
        b.append(" (for ").append(range(g.minIdle, g.maxIdle)).append(')');
      }
      b.append(", ").append(g.busy).append(" busy in a statement")
          .append(", threads: ").append(threads(g));
      if (!g.contexts.isEmpty()) {
        b.append("\n      requests: ").append(String.join("; ", g.contexts));
        int more = g.withContext - g.contexts.size();
        if (more > 0) {
          b.append(" and ").append(more).append(" more");
        }
      }
      List<StackTraceElement> stack = g.leases.get(0).stack();
      int shown = Math.min(stack.size(), STACK_FRAMES_SHOWN);
      for (int i = 0; i < shown; i++) {
        b.append("\n        at ").append(CapturedStack.format(stack.get(i)));
      }
      if (stack.size() > shown) {
        b.append("\n        ... ").append(stack.size() - shown).append(" more");
      }
      appendNow(b, g);
    }
    return b.toString();
  }

  /**
   * What the holder threads are doing right now, next to where they took the connection: this tells
   * "held while calling a slow remote service" or "waiting on a lock" apart from a leak. A thread that
   * has ended while holding a connection is a certain leak.
   */
  private static void appendNow(StringBuilder b, Group g) {
    int shown = 0;
    int ended = 0;
    java.util.Set<Thread> seen = new java.util.HashSet<>();
    for (Lease l : g.leases) {
      Thread t = l.liveThread();
      if (t == null) {
        ended++;
        continue;
      }
      if (shown >= LIVE_THREADS_SHOWN || !seen.add(t)) {
        continue;
      }
      shown++;
      StackTraceElement[] now = withoutLeashFrames(t.getStackTrace());
      b.append("\n      now, thread ").append(ThreadNames.of(t)).append(" (").append(t.getState()).append(")")
          .append(l.busy() ? ", in a statement:" : ":");
      SiteFilter filter = l.owner().capture().filter();
      boolean marked = false;
      int frames = Math.min(now.length, CURRENT_FRAMES_SHOWN);
      for (int i = 0; i < now.length && i < 64; i++) {
        boolean app = !marked && filter.isApplication(now[i].getClassName());
        if (i < frames || app) {
          b.append("\n        at ").append(CapturedStack.format(now[i]));
          if (app) {
            b.append("   <- application");
            marked = true;
          }
        }
        if (i >= frames && marked) {
          break;
        }
      }
    }
    if (ended > 0) {
      b.append("\n      ").append(ended).append(ended == 1 ? " holder's thread has" : " holders' threads have")
          .append(" ended without returning the connection (thread ended): a certain leak");
    }
  }

  /** The reporting thread can itself be a holder: its top frames are Leash building this report, not news. */
  private static StackTraceElement[] withoutLeashFrames(StackTraceElement[] frames) {
    int from = 0;
    while (from < frames.length && (StackCapture.isLeash(frames[from].getClassName())
        || frames[from].getClassName().equals("java.lang.Thread") && frames[from].getMethodName().equals("getStackTrace"))) {
      from++;
    }
    return from == 0 ? frames : java.util.Arrays.copyOfRange(frames, from, frames.length);
  }

  /** {@code trace_id=4bf92f35... span_id=00f067aa...}: the form every report ends with. */
  static String format(Map<String, String> context) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : context.entrySet()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  private static String threads(Group g) {
    List<String> names = new ArrayList<>(g.threads);
    if (names.size() <= THREAD_NAMES_SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, THREAD_NAMES_SHOWN)) + " and " + (names.size() - THREAD_NAMES_SHOWN) + " more";
  }

  /** {@code 2.1–4.3 s}, or a single value when both ends round the same. */
  static String range(long minNanos, long maxNanos) {
    String lo = human(minNanos);
    String hi = human(maxNanos);
    return lo.equals(hi) ? lo : stripUnit(lo, hi) + "–" + hi;
  }

  private static String stripUnit(String lo, String hi) {
    String loUnit = lo.substring(lo.indexOf(' '));
    String hiUnit = hi.substring(hi.indexOf(' '));
    return loUnit.equals(hiUnit) ? lo.substring(0, lo.indexOf(' ')) : lo;
  }

  /** {@code 850 ms}, {@code 31.2 s}, {@code 4.5 min}. */
  static String human(long nanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
  }
}
