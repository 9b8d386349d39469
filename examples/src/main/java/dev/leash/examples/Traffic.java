package dev.leash.examples;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shoppers hitting the shop: {@code n} threads, started together, each visiting in a loop until the
 * time is up, with a short pause between visits. Counts what happened to each visit.
 */
public final class Traffic {

  /** One visit of one shopper: returns false when the order was declined. */
  public interface Visit {
    boolean run(long cartId) throws SQLException;
  }

  final AtomicInteger placed = new AtomicInteger();
  final AtomicInteger declined = new AtomicInteger();
  /** Visits that failed because the pool had no connection in time (HikariCP's timeout). */
  final AtomicInteger timedOut = new AtomicInteger();
  /** Visits that failed for any other reason. */
  final AtomicInteger failed = new AtomicInteger();
  /** The trace ids of the declined visits (the requests that leak in the leak scenario); the first thousand. */
  final Set<String> declinedTraces = ConcurrentHashMap.newKeySet();

  private Traffic() {}

  public int placed() {
    return placed.get();
  }

  public int declined() {
    return declined.get();
  }

  public int timedOut() {
    return timedOut.get();
  }

  public int failed() {
    return failed.get();
  }

  /**
   * Runs {@code shoppers} threads named {@code namePrefix-1..n} for {@code duration}, pausing
   * {@code minPauseMillis} to {@code maxPauseMillis} between visits.
   */
  static Traffic run(String namePrefix, int shoppers, Duration duration, int minPauseMillis, int maxPauseMillis, Visit visit)
      throws InterruptedException {
    Traffic t = new Traffic();
    AtomicLong carts = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    long[] end = new long[1];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < shoppers; i++) {
      Thread shopper = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        while (System.nanoTime() < end[0]) {
          t.visit(visit, carts.incrementAndGet());
          pause(ThreadLocalRandom.current().nextInt(minPauseMillis, maxPauseMillis + 1));
        }
      }, namePrefix + "-" + (i + 1));
      shopper.start();
      threads.add(shopper);
    }
    end[0] = System.nanoTime() + duration.toNanos();
    start.countDown();
    for (Thread s : threads) {
      s.join(duration.toMillis() + 30_000);
    }
    return t;
  }

  /** One visit, as a traced web request (its trace id in the MDC while it runs). */
  private void visit(Visit visit, long cartId) {
    String traceId = TracedRequest.begin();
    try {
      if (visit.run(cartId)) {
        placed.incrementAndGet();
      } else {
        declined.incrementAndGet();
        if (declinedTraces.size() < 1000) {
          declinedTraces.add(traceId);
        }
      }
    } catch (SQLTransientConnectionException e) {
      timedOut.incrementAndGet();
    } catch (SQLException e) {
      failed.incrementAndGet();
    } finally {
      TracedRequest.end();
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
