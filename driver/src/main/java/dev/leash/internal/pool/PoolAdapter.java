package dev.leash.internal.pool;

import dev.leash.internal.util.MethodNames;
import java.util.List;
import java.util.Locale;

/**
 * Everything Leash knows about one kind of connection pool, in one place: its classes, how it says its
 * name, the getters of its counts, the frames of its acquisition, return and housekeeping paths, and how
 * its timeout looks. One subclass per pool, listed once in {@link PoolAdapters}; the generic code (the
 * stack walks of URL mode and the agent, pool naming, the gauges, the failure classifier, the site filter)
 * asks the adapters and holds no pool's class names.
 *
 * <p>Every aspect is a constructor argument, so a new adapter cannot leave one out by accident: where a pool
 * has no such thing (no counts Leash can read, no return Leash can see), it passes {@code none(why)}.
 * Answers are fields (the same object on every call): the stack walks of URL mode ask them on every
 * physical connect and every inferred borrow and return, and must not allocate there.
 */
public abstract class PoolAdapter {

  private final String displayName;
  private final List<String> packages;
  private final List<String> alsoNeverTheSite;
  private final Naming naming;
  private final Counts counts;
  private final Frames frames;
  private final Timeout timeout;

  /** Every aspect is required: an adapter cannot leave one out (say why with a {@code none(why)} answer). */
  protected PoolAdapter(String displayName, List<String> packages, Naming naming, Counts counts, Frames frames,
      Timeout timeout) {
    this(displayName, packages, List.of(), naming, counts, frames, timeout);
  }

  /** As above, with classes outside the pool's packages that are never a lease's site either. */
  protected PoolAdapter(String displayName, List<String> packages, List<String> alsoNeverTheSite, Naming naming,
      Counts counts, Frames frames, Timeout timeout) {
    this.displayName = displayName;
    this.packages = List.copyOf(packages);
    this.alsoNeverTheSite = List.copyOf(alsoNeverTheSite);
    this.naming = naming;
    this.counts = counts;
    this.frames = frames;
    this.timeout = timeout;
  }

  /** A name for reports: the owner of a pool's leases in URL mode before it says its own, the gauge's kind. */
  public final String displayName() {
    return displayName;
  }

  /**
   * The pool's own classes, as prefixes: a package ending in '.', or a class name (matching that class
   * and its nested classes). A frame of one of them on a stack is this pool at work; a data source of one
   * of them is this pool. They are never a lease's site.
   */
  public final List<String> packages() {
    return packages;
  }

  /**
   * More prefixes that are never a lease's site although they are not the pool's own classes: libraries it
   * runs on or older lines of it (commons-pool2 under DBCP2). None unless a pool says so.
   */
  public final List<String> alsoNeverTheSite() {
    return alsoNeverTheSite;
  }

  /** How the pool says its name. */
  public final Naming naming() {
    return naming;
  }

  /** The getters of the pool's own counts. */
  public final Counts counts() {
    return counts;
  }

  /** The frames of its acquisition, return and housekeeping paths, as URL mode sees them. */
  public final Frames frames() {
    return frames;
  }

  /** How an exception from its {@code getConnection()} looks when its wait timed out. */
  public final Timeout timeout() {
    return timeout;
  }

  /** True if {@code className} is one of {@link #packages}. */
  public final boolean owns(String className) {
    for (String p : packages()) {
      if (PoolAdapters.matches(className, p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return displayName();
  }

  /**
   * How a pool says its name: getters on its data source ({@code getPoolName}), suffixes of the threads
   * it names after itself ({@code shop:housekeeper}), the classes it registers with the platform MBean
   * server under its own name with its {@code Url} as an attribute (DBCP2's {@code jmxName}).
   */
  public static final class Naming {
    private final List<String> getters;
    private final List<String> threadSuffixes;
    private final List<String> jmxClasses;
    private final String none;

    private Naming(List<String> getters, List<String> threadSuffixes, List<String> jmxClasses, String none) {
      this.getters = List.copyOf(getters);
      this.threadSuffixes = List.copyOf(threadSuffixes);
      this.jmxClasses = List.copyOf(jmxClasses);
      this.none = none;
    }

    /** Names read through these public no-argument String getters of its data source, first non-blank wins. */
    public static Naming getters(String... getters) {
      return new Naming(List.of(getters), List.of(), List.of(), null);
    }

    /** The pool gives itself no name Leash can read ({@code why}): reports use its data source's class name. */
    public static Naming none(String why) {
      return new Naming(List.of(), List.of(), List.of(), why);
    }

    /** Also: it names its threads {@code <pool name><suffix>}, so URL mode can learn the name there. */
    public Naming threadsEndingWith(String... suffixes) {
      return new Naming(getters, List.of(suffixes), jmxClasses, none);
    }

    /** Also: these classes of it register with JMX under the pool's own name, next to its {@code Url}. */
    public Naming jmxClasses(String... classNames) {
      return new Naming(getters, threadSuffixes, List.of(classNames), none);
    }

    /** The getters of the data source's own name, in order. */
    public List<String> getters() {
      return getters;
    }

    /** The suffixes of the threads the pool names after itself. */
    public List<String> threadSuffixes() {
      return threadSuffixes;
    }

    /** The class names of its MBeans that carry the pool's name and URL. */
    public List<String> jmxClasses() {
      return jmxClasses;
    }

    /** Why the pool has no name Leash reads, or null when it has one. */
    public String none() {
      return none;
    }

    /**
     * The pool's own name if {@code threadName} is one of the threads this kind of pool names after itself
     * (HikariCP's {@code shop:connection-adder} gives {@code shop}), else null.
     */
    public String poolNameFromThread(String threadName) {
      if (threadName == null) {
        return null;
      }
      for (String suffix : threadSuffixes) {
        if (threadName.endsWith(suffix) && threadName.length() > suffix.length()) {
          return threadName.substring(0, threadName.length() - suffix.length());
        }
      }
      return null;
    }
  }

  /**
   * The getters of a pool's counts, each a dotted chain of public no-argument getters from its data source
   * ({@code getHikariPoolMXBean.getActiveConnections}); null where the pool has no such count. Read by
   * reflection, so no pool becomes a dependency of Leash.
   */
  public static final class Counts {
    private final String max;
    private final String active;
    private final String idle;
    private final String waiting;
    private final String idleMax;
    private final String idleMin;
    private final String none;

    private Counts(String max, String active, String idle, String waiting, String idleMax, String idleMin,
        String none) {
      this.max = max;
      this.active = active;
      this.idle = idle;
      this.waiting = waiting;
      this.idleMax = idleMax;
      this.idleMin = idleMin;
      this.none = none;
    }

    /**
     * The maximum size (required: a data source of the pool's package without it is no pool, such as
     * HikariCP's own {@code DriverDataSource}), active, idle and waiting counts.
     */
    public static Counts of(String max, String active, String idle, String waiting) {
      if (max == null) {
        throw new IllegalArgumentException("a pool's counts start with its maximum size");
      }
      return new Counts(max, active, idle, waiting, null, null, null);
    }

    /** Leash reads no counts of this pool ({@code why}): its gauge says -1 (unknown) to every question. */
    public static Counts none(String why) {
      return new Counts(null, null, null, null, null, null, why);
    }

    /**
     * Also the bounds of its idle connections (null where it has none; c3p0's and Agroal's minimum sizes
     * bound all connections, not idle ones).
     */
    public Counts idleBounds(String idleMaxGetter, String idleMinGetter) {
      return new Counts(max, active, idle, waiting, idleMaxGetter, idleMinGetter, none);
    }

    public String max() {
      return max;
    }

    public String active() {
      return active;
    }

    public String idle() {
      return idle;
    }

    public String waiting() {
      return waiting;
    }

    public String idleMax() {
      return idleMax;
    }

    public String idleMin() {
      return idleMin;
    }

    /** Why Leash reads no counts of this pool, or null when it reads them. */
    public String none() {
      return none;
    }
  }

  /**
   * The pool's own methods, {@code Class.method}, as URL mode meets them on a stack:
   *
   * <ul>
   *   <li><b>acquisition</b>: a thread with one of them on its stack is inside the pool's {@code getConnection()},
   *       waiting. Named below the application's entry point (HikariCP's {@code HikariPool}) so that an object
   *       pool used for something else (commons-pool2 under a Redis client) is not mistaken for this one;
   *   <li><b>return</b>: the pool's check-in path, which calls {@code clearWarnings()} on the physical connection:
   *       the only sign of a return the driver gets. A pool without one is not tracked at borrow level in URL mode;
   *   <li><b>housekeeping</b>: the pool opening, setting up or validating a connection for itself on the
   *       application's thread: never the start of a lease.
   * </ul>
   */
  public static final class Frames {
    private final List<String> acquire;
    private final List<String> returns;
    private final List<String> housekeeping;
    private final String none;

    private Frames(List<String> acquire, List<String> returns, List<String> housekeeping, String none) {
      this.acquire = List.copyOf(acquire);
      this.returns = List.copyOf(returns);
      this.housekeeping = List.copyOf(housekeeping);
      this.none = none;
    }

    /** A pool whose return Leash sees: its acquisition, return and housekeeping methods. */
    public static Frames of(List<String> acquire, List<String> returns, List<String> housekeeping) {
      if (returns.isEmpty()) {
        throw new IllegalArgumentException("a pool whose returns Leash cannot see has Frames.none(why)");
      }
      return new Frames(acquire, returns, housekeeping, null);
    }

    /** Its returns give no sign to the driver ({@code why}): URL mode tells the user instead of guessing. */
    public static Frames none(String why) {
      return new Frames(List.of(), List.of(), List.of(), why);
    }

    public List<String> acquire() {
      return acquire;
    }

    /** Whether Leash can see this pool's returns in URL mode (and so track borrow-level leases). */
    public boolean returnsRecognised() {
      return !returns.isEmpty();
    }

    /** True if {@code className.methodName} is part of this pool's return (check-in) path. */
    public boolean isReturn(String className, String methodName) {
      return MethodNames.contains(returns, className, methodName);
    }

    /** True if {@code className.methodName} is the pool creating, setting up or validating a connection for itself. */
    public boolean isHousekeeping(String className, String methodName) {
      return MethodNames.contains(housekeeping, className, methodName);
    }

    List<String> returns() {
      return returns;
    }

    List<String> housekeeping() {
      return housekeeping;
    }

    /** Why Leash sees none of this pool's frames, or null when it does. */
    public String none() {
      return none;
    }
  }

  /**
   * How the pool's wait timeout looks in the exception chain of its {@code getConnection()}: exception
   * classes (exact names) and message fragments (matched without case). Beside the signs every pool shares
   * (a class named {@code *Timeout*}, "timed out"), which the classifier knows without asking an adapter.
   */
  public static final class Timeout {
    private final List<String> classes;
    private final List<String> messages;

    private Timeout(List<String> classes, List<String> messages) {
      this.classes = List.copyOf(classes);
      this.messages = List.copyOf(messages);
    }

    /** Exceptions of these exact classes, anywhere in the chain, are this pool's timeout. */
    public static Timeout classes(String... classNames) {
      return new Timeout(List.of(classNames), List.of());
    }

    /** Messages containing one of these (any case) are this pool's timeout. */
    public static Timeout messages(String... fragments) {
      return new Timeout(List.of(), lower(fragments));
    }

    /** Also messages containing one of these (any case). */
    public Timeout orMessages(String... fragments) {
      List<String> all = new java.util.ArrayList<>(messages);
      all.addAll(lower(fragments));
      return new Timeout(classes, all);
    }

    /** True if {@code t} itself (not its causes) looks like this pool's timeout; {@code lowerMessage} is its message in lower case. */
    public boolean matches(Throwable t, String lowerMessage) {
      if (classes.contains(t.getClass().getName())) {
        return true;
      }
      for (String m : messages) {
        if (lowerMessage.contains(m)) {
          return true;
        }
      }
      return false;
    }

    public List<String> classNames() {
      return classes;
    }

    public List<String> messageFragments() {
      return messages;
    }

    private static List<String> lower(String... fragments) {
      List<String> out = new java.util.ArrayList<>();
      for (String f : fragments) {
        out.add(f.toLowerCase(Locale.ROOT));
      }
      return out;
    }
  }
}
