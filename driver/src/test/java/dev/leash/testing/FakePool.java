package dev.leash.testing;

import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a pool's acquisition method, {@code dev.leash.testing.FakePool.getConnection}: a thread
 * in it is parked until released, as a thread waiting inside HikariCP's {@code getConnection()} is.
 */
public final class FakePool {

  public static final String ACQUIRE_METHOD = FakePool.class.getName() + ".getConnection";

  /** The application line that waits (see {@link #callingSite}). */
  public static final String CALLING_SITE_PREFIX = FakePool.class.getName() + ".callingSite(FakePool.java:";

  private FakePool() {}

  /** Starts a thread that waits inside {@code getConnection} until {@code release} opens. */
  public static Thread waiter(String name, CountDownLatch release) {
    Thread t = new Thread(() -> callingSite(release), name);
    t.setDaemon(true);
    t.start();
    STARTED.add(t);
    return t;
  }

  private static final java.util.List<Thread> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Waits until every waiter started so far has left {@code getConnection} (call after releasing them): on a
   * busy machine a released waiter can still be inside it when the next test's watchdog looks, and counts there.
   */
  public static void awaitWaitersGone() throws InterruptedException {
    for (Thread t : STARTED) {
      t.join(10_000);
    }
    STARTED.clear();
  }

  /** Blocks until {@code t} is parked (inside {@code getConnection}). */
  public static void awaitParked(Thread t) throws InterruptedException {
    for (int i = 0; i < 1000 && t.getState() != Thread.State.WAITING; i++) {
      Thread.sleep(5);
    }
    if (t.getState() != Thread.State.WAITING) {
      throw new AssertionError(t.getName() + " did not start waiting: " + t.getState());
    }
  }

  private static void callingSite(CountDownLatch release) {
    getConnection(release);
  }

  private static void getConnection(CountDownLatch release) {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
