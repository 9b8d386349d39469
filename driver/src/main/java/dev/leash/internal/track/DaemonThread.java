package dev.leash.internal.track;

import java.util.function.BooleanSupplier;

/**
 * One daemon thread that starts on demand and stops when idle: the life cycle the watchdog and the
 * reporting thread share, so an unused Leash holds no thread and a stopping thread never strands work
 * handed to it meanwhile.
 *
 * <p>Stopping is race-free without a lock on the demand side: the thread lowers the running flag only
 * when nothing wants it, then looks again. Work that arrived before the flag went down is seen by that
 * second look (the thread takes the flag back and goes on); work that arrives after it sees the flag down
 * and starts a fresh thread. The demand side costs one volatile read while the thread runs.
 */
final class DaemonThread {

  private final String name;
  private final Runnable body;
  private volatile boolean running;

  /**
   * @param body the thread's loop; it returns when {@link #stopUnless} says so, or calls {@link #stopped}
   *     before returning for another reason (an interrupt)
   */
  DaemonThread(String name, Runnable body) {
    this.name = name;
    this.body = body;
  }

  /** Starts the thread unless it runs. */
  void ensureRunning() {
    if (!running) {
      start();
    }
  }

  private synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    // Started by whichever application thread needed it: it inherits none of that thread's inheritable
    // thread-locals, and must not pin whatever loader happened to create it (web-app redeploys).
    Thread t = new Thread(null, body, name, 0, false);
    t.setDaemon(true);
    t.setContextClassLoader(null);
    t.start();
  }

  /**
   * From the thread, when it found nothing to do: true if it must return now (nothing {@code wanted} it,
   * or a fresh thread has taken over), false if it must go on. {@code wanted} is asked up to twice.
   */
  boolean stopUnless(BooleanSupplier wanted) {
    synchronized (this) {
      if (wanted.getAsBoolean()) {
        return false;
      }
      running = false;
    }
    if (!wanted.getAsBoolean()) {
      return true;
    }
    synchronized (this) {
      if (running) {
        return true; // another thread already started a fresh one
      }
      running = true;
      return false;
    }
  }

  /** From the thread, as it returns without {@link #stopUnless} (interrupted): the next demand starts a new one. */
  synchronized void stopped() {
    running = false;
  }
}
