package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A slow acquisition is {@code pool.exhausted} only when the thread queued behind connections in use; a pool
 * still opening connections up to its maximum is slow, not dry. And the demand statistics of a pool seen
 * for less than a minute are rates over the time it was seen. On a fake clock, with a gauge of maximum 3.
 */
class PoolMonitorTest {

  private final FakeClock clock = new FakeClock();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false);
  private final Pool owner = new Pool(registry, "gauged-pool", "jdbc:fake", LeashConfig.builder()
      .poolWaitThreshold(Duration.ofMillis(200)).leakThreshold(Duration.ofSeconds(30)).build());
  private final PoolMonitor monitor = owner.monitor();
  private final List<PoolEvent> events = new CopyOnWriteArrayList<>();

  PoolMonitorTest() {
    registry.listeners().add(new LeashListener() {
      @Override
      public void pool(PoolEvent event) {
        events.add(event);
      }
    });
    monitor.gauge(new PoolGauge() {
      @Override
      public int max() {
        return 3;
      }

      @Override
      public int active() {
        return 3; // full by the time the waiter has its connection, in both cases below
      }
    });
  }

  @Test
  void aSlowWaitWhileThePoolHadRoomToGrowIsSlowNotExhausted() throws Exception {
    registry.start(owner, null);
    registry.start(owner, null);
    long ticket = monitor.acquireStarted(); // 2 in use + this thread = 3: the pool opens a third connection
    clock.advance(Duration.ofMillis(300));
    monitor.acquireSucceeded(ticket);

    PoolEvent e = awaitEvent();
    assertThat(e.kind()).isEqualTo(PoolEvent.Kind.WAIT_SLOW);
    assertThat(e.waitMillis()).isEqualTo(300);
  }

  @Test
  void aSlowWaitBehindConnectionsInUseIsExhausted() throws Exception {
    for (int i = 0; i < 3; i++) {
      registry.start(owner, null);
    }
    long ticket = monitor.acquireStarted(); // 3 in use + this thread = 4 > 3: it waits for a return
    clock.advance(Duration.ofMillis(300));
    monitor.acquireSucceeded(ticket);

    PoolEvent e = awaitEvent();
    assertThat(e.kind()).isEqualTo(PoolEvent.Kind.EXHAUSTED);
    assertThat(e.waitMillis()).isEqualTo(300);
    assertThat(e.diagnosis()).isNotNull();
    assertThat(e.stillWaiting()).as("its wait is over").isFalse();
    assertThat(dev.leash.report.ReportText.message(e)).contains(" waited 300 ms at ");
  }

  @Test
  void aQueuedWaitIsReportedByTheWatchdogOnceItPassesTheThresholdAndItsTimeoutIsNotCountedAgain() throws Exception {
    for (int i = 0; i < 3; i++) {
      registry.start(owner, null);
    }
    long ticket = monitor.acquireStarted();
    assertThat(AcquireTicket.slotOf(ticket)).as("queued: timed in a slot").isPositive();
    clock.advance(Duration.ofMillis(150));
    registry.checkQueuedWaits();
    Thread.sleep(100);
    assertThat(events).as("150 ms is under the 200 ms threshold").isEmpty();

    clock.advance(Duration.ofMillis(100));
    registry.checkQueuedWaits();
    PoolEvent e = awaitEvent();
    assertThat(e.kind()).isEqualTo(PoolEvent.Kind.EXHAUSTED);
    assertThat(e.waitMillis()).as("reported while it waits, not when the pool gives up").isEqualTo(250);
    assertThat(e.thread()).isEqualTo(Thread.currentThread().getName());
    assertThat(e.waiting()).isEqualTo(1);
    assertThat(e.inUse()).isEqualTo(3);
    assertThat(e.failure()).as("it has not failed yet").isNull();
    assertThat(e.stillWaiting()).isTrue();
    assertThat(dev.leash.report.ReportText.message(e)).contains("thread " + Thread.currentThread().getName() + " has waited 250 ms so far at ");

    registry.checkQueuedWaits();
    clock.advance(Duration.ofMillis(250));
    monitor.acquireFailed(ticket, new java.sql.SQLTransientConnectionException(
        "gauged-pool - Connection is not available, request timed out after 500ms."));
    // A second wait, which times out within the interval: one suppressed occasion, not two.
    long second = monitor.acquireStarted();
    clock.advance(Duration.ofMillis(500));
    monitor.acquireFailed(second, new java.sql.SQLTransientConnectionException(
        "gauged-pool - Connection is not available, request timed out after 500ms."));

    clock.advance(Duration.ofSeconds(10));
    long third = monitor.acquireStarted();
    clock.advance(Duration.ofMillis(300));
    registry.checkQueuedWaits();
    for (int i = 0; i < 200 && events.size() < 2; i++) {
      Thread.sleep(10);
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(1).suppressed()).as("the first wait's timeout was counted when it was reported").isEqualTo(1);
    monitor.acquireSucceeded(third);
    assertThat(monitor.waiting()).isZero();
  }

  @Test
  void aThreadThePoolHasRoomForTakesNoSlot() {
    long ticket = monitor.acquireStarted();
    assertThat(AcquireTicket.queued(ticket)).isFalse();
    assertThat(AcquireTicket.slotOf(ticket)).isZero();
    monitor.acquireSucceeded(ticket);
  }

  @Test
  void theTicketKeepsTheStartTimeTheSlotAndTheFlagsAndIsNeverZero() {
    for (long start : new long[] {0, 1, 2, 255, 256, 511, 512, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE, 1_234_567_891L}) {
      for (boolean queued : new boolean[] {false, true}) {
        for (boolean holding : new boolean[] {false, true}) {
          for (int slot : new int[] {0, 1, QueuedWaits.SLOTS}) {
            long t = AcquireTicket.of(AcquireTicket.startBits(start), queued, slot, holding);
            assertThat(t).as("0 means 'not measured' to the callers").isNotZero();
            assertThat(AcquireTicket.queued(t)).isEqualTo(queued);
            assertThat(AcquireTicket.holding(t)).isEqualTo(holding);
            assertThat(AcquireTicket.slotOf(t)).isEqualTo(slot);
            assertThat(Math.abs(AcquireTicket.startOf(t) - start)).isLessThanOrEqualTo(512);
          }
        }
      }
    }
  }

  @Test
  void aBurstInThePoolsFirstSecondIsARateOverThatSecondNotOverTheWholeBucket() {
    // Created 7.5 s into a 10 s bucket: the bucket's first 7.5 s saw no pool, not zero demand.
    long created = DemandWindow.BUCKET_NANOS * 1000 + TimeUnit.MILLISECONDS.toNanos(7_500);
    DemandWindow window = new DemandWindow(created);
    long now = created + TimeUnit.MILLISECONDS.toNanos(500);
    for (int i = 0; i < 20; i++) {
      window.ended(now, TimeUnit.MILLISECONDS.toNanos(75), true);
    }
    DemandWindow.Snapshot s = window.snapshot(now);
    assertThat(s.ratePerSecond()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(s.meanHoldMillis()).isCloseTo(75.0, org.assertj.core.data.Offset.offset(0.01));

    long minuteLater = now + TimeUnit.SECONDS.toNanos(65);
    window.ended(minuteLater, TimeUnit.MILLISECONDS.toNanos(75), true);
    assertThat(window.snapshot(minuteLater).ratePerSecond()).as("a watched pool: the rate is over the buckets kept")
        .isLessThan(1.0);
  }

  /**
   * Issue 16 (eight threads arriving together, each nesting a second acquisition): a {@code pool_too_small} about a
   * wait that goes on, while the pool has returned nothing since the wait began, is held back (its holders are not
   * shown short-lived yet) until the wait is two seconds old; then it is reported as it stands.
   */
  @Test
  void aPoolTooSmallWithNothingReturnedDuringTheWaitIsHeldBackUntilTheWaitIsTwoSecondsOld() throws Exception {
    registry.end(registry.start(owner, null)); // a return before: the pool has a usual hold
    for (int i = 0; i < 3; i++) {
      registry.start(owner, null);
    }
    long ticket = monitor.acquireStarted();
    clock.advance(Duration.ofMillis(250));
    registry.checkQueuedWaits();
    clock.advance(Duration.ofMillis(1700));
    registry.checkQueuedWaits();
    Thread.sleep(100);
    assertThat(events).as("nothing returned through a 1.95 s wait: held back").isEmpty();

    clock.advance(Duration.ofMillis(100));
    registry.checkQueuedWaits();
    PoolEvent e = awaitEvent();
    assertThat(e.diagnosis()).isEqualTo("pool_too_small");
    assertThat(e.waitMillis()).isEqualTo(2050);
    assertThat(e.stillWaiting()).isTrue();
    monitor.acquireSucceeded(ticket);
  }

  /** Held back or not, a wait that ends is reported at its end: two waiters timing out together give one report. */
  @Test
  void waitsThatEndWithNothingReturnedAreReportedAtTheirEndNeverHeldBack() throws Exception {
    registry.end(registry.start(owner, null));
    for (int i = 0; i < 3; i++) {
      registry.start(owner, null);
    }
    long first = monitor.acquireStarted();
    long second = monitor.acquireStarted();
    clock.advance(Duration.ofMillis(250));
    registry.checkQueuedWaits();
    clock.advance(Duration.ofMillis(250));
    monitor.acquireFailed(first, new java.sql.SQLTransientConnectionException(
        "gauged-pool - Connection is not available, request timed out after 500ms."));
    monitor.acquireFailed(second, new java.sql.SQLTransientConnectionException(
        "gauged-pool - Connection is not available, request timed out after 500ms."));
    PoolEvent e = awaitEvent();
    assertThat(e.diagnosis()).isEqualTo("pool_too_small");
    assertThat(e.waitMillis()).isEqualTo(500);
    assertThat(e.failure()).isNotNull();
    assertThat(monitor.waiting()).isZero();
  }

  @Test
  void aPoolTooSmallIsReportedAtOnceWhenAConnectionWasReturnedDuringTheWait() throws Exception {
    registry.end(registry.start(owner, null));
    List<Lease> held = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(registry.start(owner, null));
    }
    long ticket = monitor.acquireStarted();
    clock.advance(Duration.ofMillis(250));
    registry.checkQueuedWaits();
    Thread.sleep(100);
    assertThat(events).isEmpty();

    registry.end(held.get(0)); // returned, and taken by another thread ahead of this one: the pool turns over
    registry.start(owner, null);
    clock.advance(Duration.ofMillis(20));
    registry.checkQueuedWaits();
    PoolEvent e = awaitEvent();
    assertThat(e.diagnosis()).isEqualTo("pool_too_small");
    assertThat(e.waitMillis()).isEqualTo(270);
    monitor.acquireSucceeded(ticket);
  }

  private PoolEvent awaitEvent() throws InterruptedException {
    for (int i = 0; i < 200 && events.isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
