package dev.leash.internal.track;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands reports from application threads to one daemon thread, so that a slow or blocked logging
 * backend never blocks the application. The queue is bounded; what does not fit is dropped and
 * counted. The thread stops after a minute without work and starts again on demand.
 *
 * <p>A daemon thread dies with the JVM, and with it what is still queued: the last reports of a program that
 * exits (a {@code connection.leak.returned} from its final {@code close()}) would be lost. So while reports are
 * pending, a shutdown hook waits for them to be written, at most {@link #EXIT_FLUSH_MILLIS}: an exit must never
 * hang on a blocked logging backend. The hook is added by the dispatch that finds none (before the report can
 * be lost to a {@code System.exit} right after it) and removed when the thread stops for idleness, not kept for
 * the life of the JVM: {@code Runtime} holds its hooks strongly, and a hook that outlived the thread would keep a
 * redeployed web application's class loader (and this dispatcher) reachable forever.
 */
final class ReportDispatcher {

  private static final int CAPACITY = 256;
  /** The longest a JVM's exit waits for the queued reports. */
  static final long EXIT_FLUSH_MILLIS = 2_000;
  /** Idle time before the thread exits. Package-private and mutable for class-loader tests only. */
  static volatile long idleExitMillis = 60_000;

  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  /** Reports queued or running: what the exit hook waits for. */
  private final AtomicInteger pending = new AtomicInteger();
  private final DaemonThread thread = new DaemonThread("leash-reporter", this::run);
  /** The registered exit hook, or null; changed under this object's lock. */
  private volatile Thread exitHook;
  /** The JVM refused a hook (a security manager, or it is exiting already): not asked again. */
  private volatile boolean exitHookRefused;

  /** Queues {@code report}; never blocks. */
  void dispatch(Runnable report) {
    pending.incrementAndGet();
    if (!queue.offer(report)) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    if (exitHook == null && !exitHookRefused) {
      addExitFlush();
    }
    thread.ensureRunning();
  }

  long dropped() {
    return dropped.get();
  }

  private void run() {
    try {
      loop();
    } finally {
      removeExitFlush();
    }
  }

  private void loop() {
    while (true) {
      Runnable r;
      try {
        r = queue.poll(idleExitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // Nothing will write what is queued now: drop it (counted) so that the exit hook neither waits for it nor
        // stays registered, pinning this dispatcher's loader, until some later report starts a thread again.
        int n = 0;
        while (queue.poll() != null) {
          n++;
        }
        dropped.addAndGet(n);
        pending.addAndGet(-n);
        thread.stopped();
        return;
      }
      if (r == null) {
        if (thread.stopUnless(() -> !queue.isEmpty())) {
          return;
        }
        continue;
      }
      try {
        r.run();
      } catch (Throwable t) {
        // Listeners are guarded already; this is a last line so the thread survives anything.
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /**
   * Runs at the JVM's exit: this dispatcher's thread (a daemon, still running while hooks run) writes what is
   * queued; the hook only waits for it, so reports keep their order and listeners their one thread.
   */
  private void flushAtExit() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_FLUSH_MILLIS);
    while (pending.get() > 0 && deadline - System.nanoTime() > 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private synchronized void addExitFlush() {
    if (exitHook != null || exitHookRefused) {
      return;
    }
    try {
      // Created on an application thread: it inherits none of that thread's inheritable thread-locals.
      Thread hook = new Thread(null, this::flushAtExit, "leash-reporter-exit", 0, false);
      // Like the reporting thread: the hook must not pin whatever loader the dispatching thread has.
      hook.setContextClassLoader(null);
      Runtime.getRuntime().addShutdownHook(hook);
      exitHook = hook;
    } catch (Throwable t) {
      exitHookRefused = true;
    }
  }

  /**
   * From the thread as it stops. A report counted in {@link #pending} before the hook is cleared keeps it (a fresh
   * thread will write that report); one counted after finds no hook and adds one.
   */
  private synchronized void removeExitFlush() {
    Thread hook = exitHook;
    if (hook == null) {
      return;
    }
    exitHook = null;
    if (pending.get() > 0) {
      exitHook = hook;
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (Throwable t) {
      // The JVM is exiting (IllegalStateException): the hook runs, or has run, and is dropped with everything else.
    }
  }
}
