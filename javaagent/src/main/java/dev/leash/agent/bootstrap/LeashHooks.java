package dev.leash.agent.bootstrap;

/**
 * What the agent's inlined advice calls. This class (and its nested {@link Delegate}) is injected into
 * the bootstrap class loader at agent start, so the advice copied into a pool or driver class resolves
 * it from any class loader: the plain class path, a child {@code URLClassLoader}, a Spring Boot
 * executable jar, a servlet container. It depends on nothing but {@code java.lang}.
 *
 * <p>The real work is done by {@link #delegate}, set by the agent to an object from the agent jar (the
 * system class loader), which sees Leash's tracking classes. Until it is set, every hook does nothing.
 *
 * <p>Each hook keeps a per-thread "inside" flag per kind of call, so that only the outermost call on a
 * thread counts: a pool's {@code getConnection()} calling a driver data source calling
 * {@code Driver.connect} is one acquisition; a proxy's {@code close()} calling the physical
 * {@code close()} is one close. Every method catches everything: advice never throws into the application.
 */
public final class LeashHooks {

  /** Implemented in the agent jar; every method is called at most once per outermost JDBC call. */
  public interface Delegate {
    /**
     * The outermost {@code getConnection()} of {@code dataSource} on this thread is starting; returns a
     * ticket (the start time and flags) for {@link #dataSourceAcquired}, or 0 when the call is not measured.
     */
    long acquireStarted(Object dataSource);

    /**
     * That call returned {@code connection} or threw {@code thrown} (exactly one is non-null).
     *
     * @param start what {@link #acquireStarted} returned
     */
    void dataSourceAcquired(Object dataSource, long start, Object connection, Throwable thrown);

    /** The outermost {@code Driver.connect(url, ..)} on this thread returned {@code connection}. */
    void driverAcquired(Object connection, String url);

    /** {@code close()} or {@code abort(..)} is being called on {@code connection}. */
    void closed(Object connection);

    /** The outermost {@code createStatement}/{@code prepareStatement}/{@code prepareCall} of {@code connection} returned {@code statement}. */
    void statementCreated(Object connection, Object statement);

    /** A statement starts executing; returns a token for {@link #executeEnded}, or null. Must not call the statement. */
    Object executeStarted(Object statement);

    /** The statement started with {@link #executeStarted} returned or threw. */
    void executeEnded(Object token);
  }

  private static final int ACQUIRE = 0;
  private static final int CLOSE = 1;
  private static final int EXECUTE = 2;
  private static final int CREATE = 3;
  /** Token for an outermost execute whose connection has no lease. */
  private static final Object NO_LEASE = new Object();
  private static final ThreadLocal<boolean[]> INSIDE = new ThreadLocal<boolean[]>();
  /** Start of the outermost acquisition on this thread; kept here because advice can return one value only. */
  private static final ThreadLocal<long[]> ACQUIRE_START = new ThreadLocal<long[]>();

  /** Set once by the agent; null until then (and the hooks do nothing). */
  public static volatile Delegate delegate;

  private LeashHooks() {}

  /** Enter of {@code DataSource.getConnection} or {@code Driver.connect}: true if this call is the outermost on the thread. */
  public static boolean acquireEnter() {
    return enter(ACQUIRE);
  }

  /** Enter of an outermost {@code DataSource.getConnection()}: true if outermost; the wait is measured from here. */
  public static boolean dataSourceEnter(Object dataSource) {
    if (!enter(ACQUIRE)) {
      return false;
    }
    try {
      Delegate d = delegate;
      long start = d == null ? 0 : d.acquireStarted(dataSource);
      long[] slot = ACQUIRE_START.get();
      if (slot == null) {
        slot = new long[1];
        ACQUIRE_START.set(slot);
      }
      slot[0] = start;
    } catch (Throwable ignored) {
      // The delegate reports its own failures; nothing may reach the application.
    }
    return true;
  }

  /** Exit of {@code DataSource.getConnection}; {@code outermost} is what {@link #dataSourceEnter} returned. */
  public static void dataSourceExit(boolean outermost, Object dataSource, Object connection, Throwable thrown) {
    if (!outermost) {
      return;
    }
    try {
      Delegate d = delegate;
      long[] slot = ACQUIRE_START.get();
      long start = slot == null ? 0 : slot[0];
      if (d != null && (connection != null || thrown != null)) {
        d.dataSourceAcquired(dataSource, start, connection, thrown);
      }
    } catch (Throwable ignored) {
      // The delegate reports its own failures; nothing may reach the application.
    } finally {
      leave(ACQUIRE);
    }
  }

  /** Exit of {@code Driver.connect}; {@code outermost} is what {@link #acquireEnter} returned. */
  public static void driverExit(boolean outermost, Object connection, String url) {
    if (!outermost) {
      return;
    }
    try {
      Delegate d = delegate;
      if (d != null && connection != null) {
        d.driverAcquired(connection, url);
      }
    } catch (Throwable ignored) {
      // as above
    } finally {
      leave(ACQUIRE);
    }
  }

  /** Enter of {@code Connection.close()/abort(..)}: ends the lease if outermost; returns whether it was. */
  public static boolean closeEnter(Object connection) {
    if (!enter(CLOSE)) {
      return false;
    }
    try {
      Delegate d = delegate;
      if (d != null) {
        d.closed(connection);
      }
    } catch (Throwable ignored) {
      // as above
    }
    return true;
  }

  /** Exit of {@code Connection.close()/abort(..)}. */
  public static void closeExit(boolean outermost) {
    if (outermost) {
      leave(CLOSE);
    }
  }

  /** Enter of {@code Connection.createStatement/prepareStatement/prepareCall}: true if outermost on this thread. */
  public static boolean createEnter() {
    return enter(CREATE);
  }

  /** Exit of those; {@code statement} is what the call returned (null if it threw). */
  public static void createExit(boolean outermost, Object connection, Object statement) {
    if (!outermost) {
      return;
    }
    try {
      Delegate d = delegate;
      if (d != null && statement != null) {
        d.statementCreated(connection, statement);
      }
    } catch (Throwable ignored) {
      // as above
    } finally {
      leave(CREATE);
    }
  }

  /** Enter of {@code Statement.execute*}: a token for {@link #executeExit}, null when not the outermost. */
  public static Object executeEnter(Object statement) {
    if (!enter(EXECUTE)) {
      return null;
    }
    try {
      Delegate d = delegate;
      Object token = d == null ? null : d.executeStarted(statement);
      return token == null ? NO_LEASE : token;
    } catch (Throwable ignored) {
      return NO_LEASE;
    }
  }

  /** Exit of {@code Statement.execute*}, with what {@link #executeEnter} returned. */
  public static void executeExit(Object token) {
    if (token == null) {
      return;
    }
    try {
      Delegate d = delegate;
      if (token != NO_LEASE && d != null) {
        d.executeEnded(token);
      }
    } catch (Throwable ignored) {
      // as above
    } finally {
      leave(EXECUTE);
    }
  }

  private static boolean enter(int kind) {
    try {
      if (delegate == null) {
        return false;
      }
      boolean[] inside = INSIDE.get();
      if (inside == null) {
        inside = new boolean[4];
        INSIDE.set(inside);
      }
      if (inside[kind]) {
        return false;
      }
      inside[kind] = true;
      return true;
    } catch (Throwable t) {
      return false;
    }
  }

  private static void leave(int kind) {
    boolean[] inside = INSIDE.get();
    if (inside != null) {
      inside[kind] = false;
    }
  }
}
