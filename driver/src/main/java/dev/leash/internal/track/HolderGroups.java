package dev.leash.internal.track;

import dev.leash.event.HolderGroup;
import dev.leash.event.HolderThread;
import dev.leash.event.Holders;
import dev.leash.event.Waiters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Groups open leases by path (by site when the site has one caller), the group holding most first, as
 * {@link HolderGroup} records: the data of the holders report ({@code pool.exhausted}, the JMX {@code dump()},
 * {@code leash-agent.jar dump}), of {@code LeashDataSource.snapshot()} and of the diagnosis. Writes no text.
 */
public final class HolderGroups {

  /** Thread names kept per group: a pool of 200 leaked connections must not make a 200-name list. */
  static final int MAX_THREAD_NAMES = 20;
  /** Distinct request contexts (trace ids) kept per group. */
  static final int MAX_CONTEXTS = 5;
  /** Holder threads whose current frames are read per group, and how many top frames each keeps. */
  private static final int LIVE_THREADS = 3;
  private static final int CURRENT_FRAMES = 6;
  /** How deep a holder's current stack is searched for its first application frame. */
  private static final int APPLICATION_SEARCH = 64;

  private HolderGroups() {}

  /** One group while it is being filled. */
  private static final class Acc {
    final String site;
    final String path;
    final List<Lease> leases = new ArrayList<>();
    long minHeld = Long.MAX_VALUE;
    long maxHeld;
    long minIdle = Long.MAX_VALUE;
    long maxIdle;
    int busy;
    final Set<String> threads = new LinkedHashSet<>();
    final Set<Map<String, String>> contexts = new LinkedHashSet<>();
    int withContext;

    Acc(String site, String path) {
      this.site = site;
      this.path = path;
    }
  }

  /**
   * {@code leases} grouped, most leases first (ties: longest held first).
   *
   * @param current whether to read what the live holder threads are doing now (a stack walk of a few threads per
   *     group): the holders report does, a snapshot does not
   */
  public static List<HolderGroup> of(List<Lease> leases, long now, boolean current) {
    Map<String, Acc> byPath = new LinkedHashMap<>();
    for (Lease l : leases) {
      String path = l.path();
      Acc g = byPath.computeIfAbsent(path != null ? path : l.site(), k -> new Acc(l.site(), path));
      g.leases.add(l);
      long held = l.heldNanos(now);
      g.minHeld = Math.min(g.minHeld, held);
      g.maxHeld = Math.max(g.maxHeld, held);
      if (l.busy()) {
        g.busy++;
      } else {
        long idle = l.idleNanos(now);
        g.minIdle = Math.min(g.minIdle, idle);
        g.maxIdle = Math.max(g.maxIdle, idle);
      }
      g.threads.add(l.threadName());
      Map<String, String> context = l.context();
      if (!context.isEmpty()) {
        g.withContext++;
        if (g.contexts.size() < MAX_CONTEXTS) {
          g.contexts.add(context);
        }
      }
    }
    List<Acc> accs = new ArrayList<>(byPath.values());
    accs.sort(Comparator.comparingInt((Acc a) -> a.leases.size()).reversed()
        .thenComparing(Comparator.comparingLong((Acc a) -> a.maxHeld).reversed()));
    List<HolderGroup> groups = new ArrayList<>(accs.size());
    for (Acc g : accs) {
      groups.add(toGroup(g, current));
    }
    return groups;
  }

  /** The holders of one pool, for a report made now. */
  public static Holders holders(String pool, List<Lease> leases, long now, int lost, String lastLostSite,
      long droppedLeases, Waiters waiters) {
    return new Holders(pool, leases.size(), of(leases, now, true), lost, lastLostSite, droppedLeases, waiters);
  }

  /**
   * Every open lease of the process, pool by pool, also the pools of {@code pools} with none open: what the JMX
   * {@code dump()} and {@code leash-agent.jar dump <pid>} show.
   */
  public static List<Holders> byPool(List<Lease> leases, List<Pool> pools, long now) {
    Map<String, List<Lease>> byPool = new LinkedHashMap<>();
    for (Pool pool : pools) {
      byPool.computeIfAbsent(pool.name(), k -> new ArrayList<>());
    }
    for (Lease l : leases) {
      byPool.computeIfAbsent(l.pool(), k -> new ArrayList<>()).add(l);
    }
    List<Holders> out = new ArrayList<>(byPool.size());
    for (Map.Entry<String, List<Lease>> e : byPool.entrySet()) {
      out.add(holders(e.getKey(), e.getValue(), now, 0, null, 0, null));
    }
    return out;
  }

  private static HolderGroup toGroup(Acc g, boolean current) {
    List<String> threads = new ArrayList<>(g.threads);
    int threadCount = threads.size();
    if (threadCount > MAX_THREAD_NAMES) {
      threads = threads.subList(0, MAX_THREAD_NAMES);
    }
    int idle = g.leases.size() - g.busy;
    List<HolderThread> now = new ArrayList<>();
    int ended = current ? readCurrent(g.leases, now) : 0;
    return new HolderGroup(g.site, g.path, g.leases.size(), g.busy, millis(g.minHeld), millis(g.maxHeld),
        idle > 0 ? millis(g.maxIdle) : 0, threads, new ArrayList<>(g.contexts), g.leases.get(0).stack(),
        idle > 0 ? millis(g.minIdle) : 0, threadCount, g.withContext, now, ended);
  }

  /** Reads the current frames of the first few live holder threads into {@code out}; returns the leases whose thread ended. */
  private static int readCurrent(List<Lease> leases, List<HolderThread> out) {
    int ended = 0;
    Set<Thread> seen = new HashSet<>();
    for (Lease l : leases) {
      Thread t = l.liveThread();
      if (t == null) {
        ended++;
        continue;
      }
      if (out.size() >= LIVE_THREADS || !seen.add(t)) {
        continue;
      }
      out.add(current(t, l));
    }
    return ended;
  }

  /** The top frames of {@code t}, plus its first application frame when that is further down. */
  private static HolderThread current(Thread t, Lease l) {
    StackTraceElement[] now = withoutLeashFrames(t.getStackTrace());
    SiteFilter filter = l.owner().capture().filter();
    List<StackTraceElement> frames = new ArrayList<>();
    int application = -1;
    int top = Math.min(now.length, CURRENT_FRAMES);
    for (int i = 0; i < now.length && i < APPLICATION_SEARCH; i++) {
      boolean app = application < 0 && filter.isApplication(now[i].getClassName());
      if (i < top || app) {
        if (app) {
          application = frames.size();
        }
        frames.add(now[i]);
      }
      if (i >= top && application >= 0) {
        break;
      }
    }
    return new HolderThread(ThreadNames.of(t), String.valueOf(t.getState()), l.busy(), frames, application);
  }

  /** The reporting thread can itself be a holder: its top frames are Leash building this report, not news. */
  private static StackTraceElement[] withoutLeashFrames(StackTraceElement[] frames) {
    int from = 0;
    while (from < frames.length && (StackCapture.isLeash(frames[from].getClassName())
        || frames[from].getClassName().equals("java.lang.Thread") && frames[from].getMethodName().equals("getStackTrace"))) {
      from++;
    }
    return from == 0 ? frames : Arrays.copyOfRange(frames, from, frames.length);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
