package dev.leash.internal.track;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands reports from application threads to one daemon thread, so that a slow or blocked logging
 * backend never blocks the application. The queue is bounded; what does not fit is dropped and
 * counted. The thread stops after a minute without work and starts again on demand.
 */
final class ReportDispatcher {

  private static final int CAPACITY = 256;
  /** Idle time before the thread exits. Package-private and mutable for class-loader tests only. */
  static volatile long idleExitMillis = 60_000;

  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final DaemonThread thread = new DaemonThread("leash-reporter", this::run);

  /** Queues {@code report}; never blocks. */
  void dispatch(Runnable report) {
    if (!queue.offer(report)) {
      dropped.incrementAndGet();
      return;
    }
    thread.ensureRunning();
  }

  long dropped() {
    return dropped.get();
  }

  private void run() {
    while (true) {
      Runnable r;
      try {
        r = queue.poll(idleExitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
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
      }
    }
  }
}
