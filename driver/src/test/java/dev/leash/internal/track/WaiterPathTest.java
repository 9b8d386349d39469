package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread waiting for a pool is named by its helper path, as a lease is, when its site has been reached along
 * more than one path (issue 15): the waiters of the holders report then say which flow starves.
 */
class WaiterPathTest {

  private final StackCapture capture = new StackCapture(new SiteFilter(List.of()), 32);

  private static StackTraceElement frame(String cls, String method, int line) {
    return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
  }

  private static final StackTraceElement POOL = frame("com.zaxxer.hikari.pool.HikariPool", "getConnection", 160);
  private static final StackTraceElement OPEN = frame("com.shop.Db", "open", 31);
  private static final StackTraceElement PLACE = frame("com.shop.Checkout", "place", 88);
  private static final StackTraceElement REFUND = frame("com.shop.Refunds", "refund", 12);
  private static final StackTraceElement MAIN = frame("com.shop.Main", "main", 5);
  private static final StackTraceElement LOAD = frame("com.shop.Catalog", "load", 40);

  /** An acquisition with these frames, as the VM would have recorded it. */
  private void acquiredAt(StackTraceElement... frames) {
    RawStack raw = new RawStack();
    raw.setStackTrace(frames);
    capture.resolve(raw);
  }

  @Test
  void aWaiterAtAHelperReachedAlongTwoPathsIsNamedByItsPath() {
    acquiredAt(POOL, OPEN, PLACE, MAIN);
    acquiredAt(POOL, OPEN, REFUND, MAIN);

    StackTraceElement[] waiter = {POOL, OPEN, REFUND, MAIN};
    assertThat(capture.pathAt(waiter, 1)).isEqualTo("com.shop.Db.open(Db.java:31) <- com.shop.Refunds.refund(Refunds.java:12)");
    assertThat(capture.pathAt(waiter, 0)).as("the pool's own frame is skipped").isEqualTo(capture.pathAt(waiter, 1));
  }

  @Test
  void aWaiterAtASiteWithOneCallerOrNeverSeenHasNoPath() {
    acquiredAt(POOL, LOAD, MAIN);

    assertThat(capture.pathAt(new StackTraceElement[] {POOL, LOAD, MAIN}, 1)).isNull();
    assertThat(capture.pathAt(new StackTraceElement[] {POOL, OPEN, PLACE, MAIN}, 1)).as("no acquisition seen there").isNull();
    assertThat(capture.pathAt(new StackTraceElement[] {POOL}, 1)).as("no application frame").isNull();
  }
}
