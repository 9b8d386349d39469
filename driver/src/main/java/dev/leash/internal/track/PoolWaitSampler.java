package dev.leash.internal.track;

import dev.leash.internal.util.Notice;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the threads waiting for a URL-mode pool, from the watchdog thread. Only when a pool may be dry
 * ({@link UrlModeState#mayBeDry}: every physical connection leased, a connect running, or connects failing)
 * does it read the threads' top frames, once for all such pools, and count those inside the pool's
 * acquisition method.
 * The full stacks of the waiters are read only when a report is due, to name the lines they wait at.
 *
 * <p>Reading threads' stacks stops them at a safepoint, so its cost is bounded: top frames only, and if
 * one reading takes long (thousands of threads, or a loaded machine), the next waits at least a hundred
 * times as long, so sampling stays under 1% of the time; 5% while threads are waiting for the pool
 * (they are stalled already, and the report is what ends the stall).
 */
final class PoolWaitSampler implements PeriodicCheck {

  /** Frames read per thread to find the pool's acquisition method: a parked waiter has it within about ten. */
  private static final int SCAN_DEPTH = 24;
  /** Frames read per waiter, when a report is due, to find the application line below the pool. */
  private static final int SITE_DEPTH = 160;
  private static final int COST_FACTOR = 100;
  private static final int COST_FACTOR_WAITING = 20;
  /** However slow the readings, the watchdog looks at least this often while a pool may be dry. */
  private static final long MAX_PAUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
  private static final int MAX_POOLS = 1024;

  private final LeaseRegistry registry;
  private final CopyOnWriteArrayList<Pool> pools = new CopyOnWriteArrayList<>();
  private ThreadMXBean threads;
  /** No reading before this time, if {@link #costLimited}: the previous one was slow. */
  private long notBefore;
  private boolean costLimited;
  private long readings;
  private boolean unavailable;
  private ThreadDumpFile dumper;
  private boolean dumpUnavailable;
  /**
   * The platform threads seen waiting at the last look, by id: a thread gone from the pool at the next look
   * may have been interrupted out of its wait, which its interrupt status still shows (see {@link UrlModeState#observed}).
   * Holds only threads that were waiting at the last look.
   */
  private Map<Long, Thread> waiterThreads = new HashMap<>();

  PoolWaitSampler(LeaseRegistry registry) {
    this.registry = registry;
  }

  /** {@code pool} is in URL mode ({@link Pool#urlState()} is set). */
  void register(Pool pool) {
    if (pools.size() < MAX_POOLS) {
      pools.addIfAbsent(pool);
    }
  }

  /** True while some pool may be dry: the watchdog keeps running for it even with no lease open. */
  @Override
  public boolean wantsTicks(long now) {
    for (Pool p : pools) {
      if (p.urlState().mayBeDry(now)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run(long now) {
    sample(now);
  }

  /** One pass, on the watchdog thread. */
  void sample(long now) {
    if (unavailable || pools.isEmpty()) {
      return;
    }
    List<Pool> dry = new ArrayList<>(2);
    for (Pool pool : pools) {
      UrlModeState p = pool.urlState();
      if (p.mayBeDry(now)) {
        dry.add(pool);
      } else {
        p.noWaiters();
        pool.monitor().waitersSampled(now, p, 0, 0, null);
      }
    }
    if (dry.isEmpty() || (costLimited && now - notBefore < 0)) {
      return;
    }
    // What happened before the reading: a waiter the reading shows may get its connection right after it,
    // and that must count as something freed at the next look (read after, it hid the handover: a wait
    // that got its connection was taken for a timeout, on a busy machine where the reading is slow).
    long activity = registry.acquiredCount() + registry.releasedCount();
    long[] opened = new long[dry.size()];
    boolean[] full = new boolean[dry.size()];
    for (int i = 0; i < opened.length; i++) {
      opened[i] = dry.get(i).urlState().openedCount();
      full[i] = dry.get(i).urlState().isFull();
    }
    long cpuBefore = cpuTime();
    ThreadInfo[] infos = readThreads(null, SCAN_DEPTH);
    if (infos == null) {
      return;
    }
    boolean anyWaiting = false;
    long shortestThreshold = Long.MAX_VALUE;
    List<ThreadDumpFile.DumpedThread> dumped = null;
    Map<Long, Thread> seenBefore = waiterThreads;
    java.util.function.LongPredicate interrupted = id -> {
      Thread t = seenBefore.get(id);
      return t != null && t.isInterrupted();
    };
    List<Long> platformWaiting = new ArrayList<>();
    for (int d = 0; d < dry.size(); d++) {
      Pool pool = dry.get(d);
      UrlModeState p = pool.urlState();
      PoolMonitor monitor = pool.monitor();
      long[] ids = new long[infos.length];
      long[] waits = new long[infos.length];
      long[] spots = new long[infos.length];
      int n = 0;
      for (ThreadInfo t : infos) {
        if (t != null && p.isWaiting(t.getStackTrace())) {
          ids[n] = t.getThreadId();
          spots[n] = parkSpot(p, t);
          waits[n++] = t.getWaitedCount();
        }
      }
      if (n == 0 && registry.hasVirtualHolder(pool)) {
        // Its holders are virtual threads, so its waiters likely are too, and the reading above lists none.
        dumped = dumped != null ? dumped : dumpAllThreads();
        List<ThreadDumpFile.DumpedThread> virtualWaiters = new ArrayList<>();
        for (ThreadDumpFile.DumpedThread t : dumped) {
          if (t.virtual && p.isWaiting(t.stack)) {
            virtualWaiters.add(t);
          }
        }
        if (!virtualWaiters.isEmpty()) {
          n = virtualWaiters.size();
          ids = new long[n];
          // The dump has no park counts: a virtual thread's wait counts from when it was first seen, through retries.
          waits = new long[n];
          spots = new long[n];
          for (int i = 0; i < n; i++) {
            ids[i] = virtualWaiters.get(i).id;
          }
          anyWaiting = true;
          shortestThreshold = Math.min(shortestThreshold, monitor.waitThresholdNanos());
          long since = p.observed(now, ids, waits, spots, n, activity, opened[d], full[d], interrupted);
          monitor.waitersSampled(now, p, n, now - since, () -> details(pool, virtualWaiters, now));
          continue;
        }
      }
      anyWaiting |= n > 0;
      if (n > 0) {
        shortestThreshold = Math.min(shortestThreshold, monitor.waitThresholdNanos());
      }
      long since = p.observed(now, ids, waits, spots, n, activity, opened[d], full[d], interrupted);
      long[] waiterIds = Arrays.copyOf(ids, n);
      for (long id : waiterIds) {
        platformWaiting.add(id);
      }
      monitor.waitersSampled(now, p, n, now - since, () -> details(pool, platformWaiters(waiterIds), now));
    }
    waiterThreads = threads(platformWaiting, seenBefore);
    long elapsed = readingCost(cpuBefore, registry.clock().nanoTime() - now);
    // Threads that wait for a pool are stalled anyway, so while some wait a reading may cost more. The
    // first reading also loads the management classes: its cost says nothing about the next ones.
    if (readings++ > 0) {
      long pause = (anyWaiting ? COST_FACTOR_WAITING : COST_FACTOR) * Math.max(0, elapsed);
      // While threads wait, the next look must come before their wait passes the threshold unseen.
      long cap = anyWaiting ? Math.min(MAX_PAUSE_NANOS, shortestThreshold / 2) : MAX_PAUSE_NANOS;
      notBefore = now + Math.min(pause, cap);
      costLimited = true;
    }
  }

  /**
   * The {@code Thread} objects of {@code ids}: those known from the last look, the others found by listing the
   * live platform threads (no stacks, no safepoint), once per look and only when a new waiter appeared.
   */
  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number on every JDK.
  private static Map<Long, Thread> threads(List<Long> ids, Map<Long, Thread> known) {
    Map<Long, Thread> out = new HashMap<>(Math.max(4, ids.size() * 2));
    boolean missing = false;
    for (Long id : ids) {
      Thread t = known.get(id);
      if (t != null) {
        out.put(id, t);
      } else {
        missing = true;
      }
    }
    if (!missing) {
      return out;
    }
    try {
      ThreadGroup root = Thread.currentThread().getThreadGroup();
      while (root.getParent() != null) {
        root = root.getParent();
      }
      Thread[] all = new Thread[root.activeCount() + 16];
      int n = root.enumerate(all, true);
      for (int i = 0; i < n; i++) {
        long id = all[i].getId();
        if (ids.contains(id)) {
          out.put(id, all[i]);
        }
      }
    } catch (RuntimeException e) {
      // A security manager that forbids it: interrupted waits then count as the pool's timeout, as before.
    }
    return out;
  }

  /**
   * Where a thread inside the pool is parked: a hash of its frames above the pool's acquisition method, or 0
   * if it is not parked (running, or blocked on a monitor) at this look.
   */
  private static long parkSpot(UrlModeState p, ThreadInfo t) {
    Thread.State state = t.getThreadState();
    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      return 0;
    }
    long h = 1;
    for (StackTraceElement e : t.getStackTrace()) {
      h = 31 * h + e.hashCode();
      if (p.isAcquireFrame(e.getClassName(), e.getMethodName())) {
        break;
      }
    }
    return h == 0 ? 1 : h;
  }

  /** The watchdog thread's CPU time, or -1 where the JVM does not measure it. */
  private long cpuTime() {
    try {
      if (threads == null) {
        threads = ManagementFactory.getThreadMXBean();
      }
      return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    } catch (RuntimeException | LinkageError e) {
      return -1;
    }
  }

  /**
   * What a reading cost: the watchdog thread's CPU time for it where measured, else the wall-clock time.
   * On a machine whose cores are all busy the wall-clock time is mostly the watchdog waiting for a core,
   * not work; a pause of a hundred times that kept the watchdog from looking for seconds, and a dry pool
   * went unreported through its waiters' whole timeout.
   */
  private long readingCost(long cpuBefore, long wallNanos) {
    if (cpuBefore < 0) {
      return wallNanos;
    }
    long cpuAfter = cpuTime();
    return cpuAfter < 0 ? wallNanos : Math.min(wallNanos, cpuAfter - cpuBefore);
  }

  /** Full stacks of the platform threads {@code ids}, read again now (deeper than the first reading). */
  private List<ThreadDumpFile.DumpedThread> platformWaiters(long[] ids) {
    ThreadInfo[] infos = ids.length == 0 ? new ThreadInfo[0] : readThreads(ids, SITE_DEPTH);
    List<ThreadDumpFile.DumpedThread> waiters = new ArrayList<>(ids.length);
    for (ThreadInfo t : infos == null ? new ThreadInfo[0] : infos) {
      if (t != null) {
        waiters.add(new ThreadDumpFile.DumpedThread(t.getThreadId(), t.getThreadName(), false, t.getStackTrace()));
      }
    }
    return waiters;
  }

  /**
   * Every thread with virtual ones (JDK 21+), or none if this JVM cannot dump them: then, once, a
   * {@code leash.tracking.limited} notice says what URL mode cannot see.
   */
  private List<ThreadDumpFile.DumpedThread> dumpAllThreads() {
    if (dumpUnavailable) {
      return List.of();
    }
    try {
      if (dumper == null) {
        dumper = ThreadDumpFile.create();
      }
      return dumper.read();
    } catch (Exception | LinkageError e) {
      dumpUnavailable = true;
      registry.noticeOnce("virtual-waiters", Notice.virtualThreadsUnreadable(e));
      return List.of();
    }
  }

  /** Full stacks of the waiters: the longest-waiting one and the application line each waits at. */
  private SampledWaiters details(Pool pool, List<ThreadDumpFile.DumpedThread> waiters, long now) {
    UrlModeState p = pool.urlState();
    int asked = waiters.size();
    List<String[]> at = new ArrayList<>();
    String longestThread = null;
    String longestSite = null;
    long earliest = Long.MAX_VALUE;
    int count = 0;
    String failedThread = null;
    String failedSite = null;
    String failedPath = null;
    String longestPath = null;
    for (ThreadDumpFile.DumpedThread t : waiters) {
      if (!p.isWaiting(t.stack)) {
        continue; // got its connection (or gave up) since the first reading
      }
      count++;
      int below = belowPool(p, t.stack);
      String site = siteAt(pool, t.stack, below);
      String path = pool.capture().pathAt(t.stack, below);
      at.add(new String[] {site, path});
      if (t.id == p.longestFailedThread()) {
        failedThread = t.reportName();
        failedSite = site;
        failedPath = path;
      }
      long since = p.waitingSince(t.id, now);
      if (since < earliest) {
        earliest = since;
        longestThread = t.reportName();
        longestSite = site;
        longestPath = path;
      }
    }
    SampledWaiters w = count == 0
        ? new SampledWaiters(0, 0, "(none waiting now)", "(the waiting threads gave up before Leash could read where they wait)")
        : new SampledWaiters(Math.max(count, asked), now - earliest, longestThread, longestSite);
    for (String[] place : at) {
      w.waitsAt(place[0], place[1]);
    }
    w.failedThread = failedThread;
    w.failedSite = failedSite;
    w.failedPath = failedPath;
    w.longestPath = longestPath;
    return w;
  }

  /** The index below the pool's outermost acquisition frame. */
  private static int belowPool(UrlModeState p, StackTraceElement[] stack) {
    int outermost = -1;
    for (int i = 0; i < stack.length; i++) {
      if (p.isAcquireFrame(stack[i].getClassName(), stack[i].getMethodName())) {
        outermost = i;
      }
    }
    return outermost + 1;
  }

  /** The first application frame at or below {@code from}. */
  private static String siteAt(Pool pool, StackTraceElement[] stack, int from) {
    String site = pool.capture().applicationFrame(stack, from);
    return site != null ? site : "(no application frame within " + SITE_DEPTH + " frames)";
  }

  /** Threads' stacks, or null if this JVM cannot provide them (then sampling stays off, said once). */
  private ThreadInfo[] readThreads(long[] ids, int depth) {
    try {
      if (threads == null) {
        threads = ManagementFactory.getThreadMXBean();
      }
      return threads.getThreadInfo(ids == null ? threads.getAllThreadIds() : ids, depth);
    } catch (RuntimeException | LinkageError e) {
      unavailable = true;
      registry.noticeOnce("sampler", Notice.threadStacksUnreadable(e));
      return null;
    }
  }
}
