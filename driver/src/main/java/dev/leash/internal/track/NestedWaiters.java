package dev.leash.internal.track;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The holders of a pool whose threads are, right now, waiting inside a pool's {@code getConnection()}
 * while the method invocation that took the connection they hold still runs: the nested-acquisition
 * deadlock, read from the holders' current frames when a dry pool is reported. It does not depend on
 * having seen the second acquisition start (URL mode never sees it), and a holder that leaked its
 * connection earlier and now waits for another is not counted: the invocation that took it has ended.
 */
final class NestedWaiters {

  /** Holder threads whose stacks are read at most, per report. */
  private static final int MAX_THREADS = 64;

  /** Tells the acquisition frames of the pool (class name, method name). */
  interface AcquireFrames {
    boolean matches(String className, String methodName);
  }

  /** Any {@code getConnection} outside application code: a pool, a data source, or Leash's wrapper. */
  static AcquireFrames anyGetConnection(SiteFilter filter) {
    return (cls, method) -> method.equals("getConnection") && (StackCapture.isLeash(cls) || !filter.isApplication(cls));
  }

  int count;
  /** The first pair found: where the held connection was taken, where the thread waits for a second, and who. */
  String heldSite;
  String waitSite;
  String thread;

  /**
   * @param candidate which leases may be the outer half (one its thread leaked before asking again is not)
   */
  static NestedWaiters find(List<Lease> holders, StackCapture capture, AcquireFrames acquire,
      java.util.function.Predicate<Lease> candidate) {
    NestedWaiters found = new NestedWaiters();
    Set<Thread> seen = new HashSet<>();
    for (Lease l : holders) {
      Thread t = l.liveThread();
      if (t == null || seen.size() >= MAX_THREADS || !seen.add(t)) {
        continue;
      }
      StackTraceElement[] stack = t.getStackTrace();
      int below = belowAcquire(stack, capture.filter(), acquire);
      if (below < 0) {
        continue;
      }
      for (Lease mine : leasesOf(t, holders)) {
        if (candidate.test(mine) && capture.isStillRunning(mine.capturedStack(), stack, below)) {
          found.count++;
          if (found.heldSite == null) {
            found.heldSite = mine.site();
            String site = capture.applicationFrame(stack, below);
            found.waitSite = site != null ? site : "(no application frame in its stack)";
            found.thread = ThreadNames.of(t);
          }
          break;
        }
      }
    }
    return found;
  }

  /**
   * The index just below the outermost acquisition frame above the thread's first application frame,
   * or -1 if the thread is not inside a {@code getConnection()} now.
   */
  private static int belowAcquire(StackTraceElement[] stack, SiteFilter filter, AcquireFrames acquire) {
    int below = -1;
    for (int i = 0; i < stack.length; i++) {
      String cls = stack[i].getClassName();
      if (acquire.matches(cls, stack[i].getMethodName())) {
        below = i + 1;
      } else if (!StackCapture.isLeash(cls) && filter.isApplication(cls)) {
        break;
      }
    }
    return below;
  }

  private static List<Lease> leasesOf(Thread t, List<Lease> holders) {
    List<Lease> mine = new ArrayList<>(2);
    for (Lease l : holders) {
      if (l.liveThread() == t) {
        mine.add(l);
      }
    }
    // The latest first: it is the one an outer method took last.
    mine.sort((a, b) -> Long.compare(b.startNanos(), a.startNanos()));
    return mine;
  }
}
