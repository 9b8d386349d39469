package dev.leash.internal.jdbc;

import dev.leash.internal.pool.PoolAdapter;
import dev.leash.internal.pool.PoolAdapters;
import dev.leash.internal.track.SiteFilter;
import dev.leash.internal.track.StackCapture;
import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.stream.Stream;

/** Stack inspections that decide how a connection is tracked. Rare calls (connect, first use after a return). */
final class Callers {

  /** Frames looked at before giving up: pools and frameworks are deep but not this deep. */
  private static final int LIMIT = 256;
  private static final StackWalker WALKER = StackWalker.getInstance();

  /** What a first use of a pooled physical connection turned out to be. */
  enum Use {
    /** Application code (through the pool's proxy) is using a borrowed connection: start a lease. */
    APPLICATION,
    /** The pool itself (housekeeping, validation on its own thread, its return path): no lease. */
    POOL,
    /** A Leash wrapper above the pool already tracks this borrow (LeashDataSource or the agent). */
    TRACKED_ABOVE
  }

  private Callers() {}

  /** The pool that is opening a connection right now, judged from the caller of {@code connect}; null if none. */
  static PoolAdapter poolOpeningConnection() {
    return WALKER.walk(Callers::firstPool);
  }

  /**
   * For a hook called from inside an instrumented method (the agent's inlined advice): the pool that
   * called that method, judged from the frames below it; null if none. Leash's own frames at the top
   * and the instrumented method's frame are skipped, so HikariCP's {@code HikariDataSource.getConnection}
   * called by the application is not mistaken for the pool opening a connection.
   */
  static PoolAdapter poolBelowInstrumentedMethod(SiteFilter filter) {
    return WALKER.walk(frames -> {
      Iterator<StackFrame> it = frames.limit(LIMIT).iterator();
      while (it.hasNext()) {
        if (!StackCapture.isLeash(it.next().getClassName())) {
          break; // that was the instrumented method itself
        }
      }
      while (it.hasNext()) {
        String cls = it.next().getClassName();
        PoolAdapter k = PoolAdapters.owning(cls);
        if (k != null) {
          return k;
        }
        if (filter.isApplication(cls)) {
          return null; // application code asked: a pool filling itself has its own frames first
        }
      }
      return null;
    });
  }

  private static PoolAdapter firstPool(Stream<StackFrame> frames) {
    Iterator<StackFrame> it = frames.limit(LIMIT).iterator();
    while (it.hasNext()) {
      PoolAdapter k = PoolAdapters.owning(it.next().getClassName());
      if (k != null) {
        return k;
      }
    }
    return null;
  }

  /** Classifies a call on a pooled physical connection made while no borrow-level lease is open. */
  static Use classify(PoolAdapter pool, SiteFilter filter) {
    return WALKER.walk(frames -> classify(frames, pool, filter));
  }

  private static Use classify(Stream<StackFrame> frames, PoolAdapter pool, SiteFilter filter) {
    PoolAdapter.Frames own = pool.frames();
    Iterator<StackFrame> it = frames.limit(LIMIT).iterator();
    boolean pastOwnFrames = false;
    // Code that lives under a framework's package (MyBatis's own tests) has no application frame, but it is not the pool.
    boolean framework = false;
    while (it.hasNext()) {
      StackFrame f = it.next();
      String cls = f.getClassName();
      boolean leash = StackCapture.isLeash(cls);
      if (!pastOwnFrames) {
        pastOwnFrames = !leash;
        if (leash) {
          continue;
        }
      } else if (leash) {
        return Use.TRACKED_ABOVE;
      }
      if (own.isReturn(cls, f.getMethodName()) || own.isHousekeeping(cls, f.getMethodName())) {
        return Use.POOL;
      }
      SiteFilter.Kind kind = filter.kind(cls);
      if (kind == SiteFilter.Kind.APPLICATION) {
        return Use.APPLICATION;
      }
      framework |= kind == SiteFilter.Kind.FRAMEWORK;
    }
    return framework ? Use.APPLICATION : Use.POOL;
  }
}
