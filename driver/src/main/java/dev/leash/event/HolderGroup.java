package dev.leash.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The open leases of one pool taken at one place, as data: what a line of the holders report says,
 * for readers that are not log files (the Spring Boot Actuator endpoint, tools). Immutable; a copy
 * taken at one moment by {@link PoolSnapshot}. Times are in milliseconds at that moment.
 */
public final class HolderGroup {

  private final String site;
  private final String path;
  private final int count;
  private final int busy;
  private final long minHeldMillis;
  private final long maxHeldMillis;
  private final long maxIdleMillis;
  private final List<String> threads;
  private final List<Map<String, String>> contexts;
  private final List<StackTraceElement> stack;
  private final long minIdleMillis;
  private final int threadCount;
  private final int contextCount;
  private final List<HolderThread> current;
  private final int endedThreads;

  /**
   * @param site the first application frame, {@code Class.method(File.java:line)}
   * @param path the site with the caller that tells paths apart, or null when Leash names no path
   * @param count open leases in the group
   * @param busy how many of them are inside a statement right now
   * @param minHeldMillis the youngest lease's age
   * @param maxHeldMillis the oldest lease's age
   * @param maxIdleMillis the longest time without a JDBC call among the idle leases; 0 when none is idle
   * @param threads names of the threads that took them, distinct, in acquisition order (bounded by the caller)
   * @param contexts the distinct MDC contexts copied at acquisition ({@code leash.context.keys}), possibly empty
   * @param stack one representative acquisition stack, possibly empty
   */
  public HolderGroup(String site, String path, int count, int busy, long minHeldMillis, long maxHeldMillis,
      long maxIdleMillis, List<String> threads, List<Map<String, String>> contexts, List<StackTraceElement> stack) {
    this(site, path, count, busy, minHeldMillis, maxHeldMillis, maxIdleMillis, threads, contexts, stack, maxIdleMillis,
        threads.size(), contexts.size(), List.of(), 0);
  }

  /**
   * As above, with what the holders report adds:
   *
   * @param minIdleMillis the shortest time without a JDBC call among the idle leases; 0 when none is idle
   * @param threadCount distinct threads of the group, also those {@code threads} leaves out
   * @param contextCount leases of the group that carry a context, also those {@code contexts} leaves out
   * @param current what some live holder threads were doing then, possibly empty
   * @param endedThreads leases whose thread had ended without returning the connection: certain leaks
   */
  public HolderGroup(String site, String path, int count, int busy, long minHeldMillis, long maxHeldMillis,
      long maxIdleMillis, List<String> threads, List<Map<String, String>> contexts, List<StackTraceElement> stack,
      long minIdleMillis, int threadCount, int contextCount, List<HolderThread> current, int endedThreads) {
    this.site = Objects.requireNonNull(site, "site");
    this.path = path;
    this.count = count;
    this.busy = busy;
    this.minHeldMillis = minHeldMillis;
    this.maxHeldMillis = maxHeldMillis;
    this.maxIdleMillis = maxIdleMillis;
    this.threads = List.copyOf(threads);
    this.contexts = List.copyOf(contexts);
    this.stack = List.copyOf(stack);
    this.minIdleMillis = minIdleMillis;
    this.threadCount = threadCount;
    this.contextCount = contextCount;
    this.current = List.copyOf(current);
    this.endedThreads = endedThreads;
  }

  /** {@code com.shop.Dao.load(Dao.java:57)}. */
  public String site() {
    return site;
  }

  /** {@code Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88)}, or null when there is none. */
  public String path() {
    return path;
  }

  public int count() {
    return count;
  }

  /** Leases of the group inside a statement right now. */
  public int busy() {
    return busy;
  }

  /** Leases of the group with no statement running: {@code count() - busy()}. */
  public int idle() {
    return count - busy;
  }

  public long minHeldMillis() {
    return minHeldMillis;
  }

  public long maxHeldMillis() {
    return maxHeldMillis;
  }

  /** 0 when no lease of the group is idle, or none has been idle for a watchdog tick yet. */
  public long maxIdleMillis() {
    return maxIdleMillis;
  }

  /** 0 when no lease of the group is idle. */
  public long minIdleMillis() {
    return minIdleMillis;
  }

  /** Distinct threads of the group, also those {@link #threads()} leaves out. */
  public int threadCount() {
    return threadCount;
  }

  /** Leases of the group that carry a context, also those {@link #contexts()} leaves out. */
  public int contextCount() {
    return contextCount;
  }

  /** What some live holder threads were doing when this was taken; empty where it was not asked for. Unmodifiable. */
  public List<HolderThread> current() {
    return current;
  }

  /** Leases of the group whose thread had ended without returning the connection: certain leaks. */
  public int endedThreads() {
    return endedThreads;
  }

  /** The path when there is one, else the site: what a report names. */
  public String where() {
    return path != null ? path : site;
  }

  /** Thread names, distinct; a thread without a name is {@code virtual#<id>} or {@code thread#<id>}. Unmodifiable. */
  public List<String> threads() {
    return threads;
  }

  /** The distinct MDC contexts of the group's leases (key → value); empty when none were copied. Unmodifiable. */
  public List<Map<String, String>> contexts() {
    return contexts;
  }

  /** One acquisition stack of the group, innermost first. Unmodifiable. */
  public List<StackTraceElement> stack() {
    return stack;
  }

  @Override
  public String toString() {
    return "HolderGroup{site=" + site + ", path=" + path + ", count=" + count + ", busy=" + busy
        + ", held_ms=" + minHeldMillis + ".." + maxHeldMillis + "}";
  }
}
