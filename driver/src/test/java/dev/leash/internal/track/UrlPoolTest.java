package dev.leash.internal.track;

import dev.leash.report.ReportText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.testing.FakeClock;
import dev.leash.testing.FakePool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * URL mode's view of a pool: when it may be dry, what its connects say, and the watchdog finding a
 * thread parked inside the pool's acquisition method (a stand-in, {@link FakePool}), on a fake clock.
 */
class UrlPoolTest {

  /** One millisecond in nanoseconds: inferred failed waits under 250 ms are not counted, so the looks are milliseconds apart. */
  private static final long MS = 1_000_000L;


  private final FakeClock clock = new FakeClock();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false);
  private final Pool owner = new Pool(registry, "fake-pool", "jdbc:fake", LeashConfig.builder()
      .poolWaitThreshold(Duration.ofSeconds(1)).leakThreshold(Duration.ofSeconds(30)).build());
  private final UrlModeState pool = urlMode(owner);
  private final List<PoolEvent> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  UrlPoolTest() {
    registry.listeners().add(new LeashListener() {
      @Override
      public void pool(PoolEvent event) {
        events.add(event);
      }
    });
  }

  private static UrlModeState urlMode(Pool owner) {
    owner.urlMode("FakePool getConnection()", List.of(FakePool.ACQUIRE_METHOD));
    return owner.urlState();
  }

  @AfterEach
  void releaseWaiters() throws InterruptedException {
    release.countDown();
    FakePool.awaitWaitersGone();
  }

  @Test
  void dryOnlyWhenEveryConnectionIsLeasedOrConnectsFailOrHang() {
    long now = clock.nanoTime();
    assertThat(pool.mayBeDry(now)).as("no connection, no connect: an idle pool").isFalse();
    pool.connectionOpened();
    pool.connectionOpened();
    Lease first = registry.start(owner, null);
    assertThat(pool.mayBeDry(now)).as("1 of 2 connections leased").isFalse();
    Lease second = registry.start(owner, null);
    assertThat(pool.mayBeDry(now)).as("2 of 2 leased").isTrue();
    registry.end(first);
    registry.end(second);
    assertThat(pool.mayBeDry(now)).isFalse();

    owner.connectStarted();
    assertThat(pool.mayBeDry(now)).as("a connect in progress: someone may wait for it").isTrue();
    clock.advance(Duration.ofMillis(700));
    assertThat(pool.connectingNanos(clock.nanoTime())).isEqualTo(TimeUnit.MILLISECONDS.toNanos(700));
    owner.connectEnded("Connection refused");
    assertThat(pool.connectingNanos(clock.nanoTime())).isZero();
    assertThat(pool.currentConnectFailure(clock.nanoTime())).isEqualTo("Connection refused");
    assertThat(pool.mayBeDry(clock.nanoTime())).isTrue();

    owner.connectStarted();
    owner.connectEnded(null);
    assertThat(pool.currentConnectFailure(clock.nanoTime())).as("a later connect succeeded").isNull();

    owner.connectStarted();
    owner.connectEnded("Connection refused");
    clock.advance(Duration.ofSeconds(61));
    assertThat(pool.currentConnectFailure(clock.nanoTime())).as("a minute-old failure is no longer the pool's state").isNull();
  }

  @Test
  void aWaitIsCountedFromWhenItWasFirstSeenAndRestartsWhenTheThreadParkedAgain() {
    long activity = 40; // leases started + ended in the process so far
    long t0 = clock.nanoTime();
    assertThat(pool.observed(t0, new long[] {7, 8}, new long[] {1, 5}, new long[] {1, 1}, 2, activity, pool.openedCount(), pool.isFull())).isEqualTo(t0);
    long t1 = t0 + 300 * MS;
    assertThat(pool.observed(t1, new long[] {7, 8}, new long[] {1, 5}, new long[] {1, 1}, 2, activity, pool.openedCount(), pool.isFull())).as("both still in the same wait").isEqualTo(t0);
    assertThat(pool.failedWaits()).isZero();
    long t2 = t1 + 300 * MS;
    // Thread 7 timed out and asked again (its park count moved); thread 8 is still in its first wait.
    assertThat(pool.observed(t2, new long[] {7, 8}, new long[] {2, 5}, new long[] {1, 1}, 2, activity, pool.openedCount(), pool.isFull())).isEqualTo(t0);
    assertThat(pool.waitingSince(7, t2)).isEqualTo(t2);
    assertThat(pool.waitingSince(8, t2)).isEqualTo(t0);
    assertThat(pool.failedWaits()).as("nothing was returned or opened: thread 7's first wait got no connection").isEqualTo(1);
    assertThat(pool.longestFailedWait()).isEqualTo(600 * MS);
    assertThat(pool.longestFailedThread()).as("whose wait failed, so the report can name it").isEqualTo(7);
    long t3 = t2 + 300 * MS;
    assertThat(pool.observed(t3, new long[] {7}, new long[] {2}, new long[] {1}, 1, activity + 1, pool.openedCount(), pool.isFull())).as("thread 8 left").isEqualTo(t2);
    assertThat(pool.failedWaits()).as("a lease started or ended meanwhile: thread 8 may have got a connection").isZero();
    assertThat(pool.waitingSince(8, t3)).as("forgotten").isEqualTo(t3);
    long t4 = t3 + 300 * MS;
    assertThat(pool.observed(t4, new long[0], new long[0], new long[0], 0, activity + 1, pool.openedCount(), pool.isFull())).isEqualTo(t4);
    assertThat(pool.failedWaits()).as("thread 7 left with nothing returned: its wait failed").isEqualTo(1);
    assertThat(pool.longestFailedWait()).isEqualTo(600 * MS);
    pool.observed(t4 + 300 * MS, new long[] {9}, new long[] {1}, new long[] {1}, 1, activity + 1, pool.openedCount(), pool.isFull());
    pool.connectionOpened();
    pool.observed(t4 + 600 * MS, new long[0], new long[0], new long[0], 0, activity + 1, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).as("the pool opened a connection meanwhile: thread 9 may have got it").isZero();
    pool.noWaiters();
    pool.observed(t4 + 900 * MS, new long[] {9}, new long[] {2}, new long[] {1}, 1, activity + 1, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).as("the first look after the pool was not dry infers nothing").isZero();
  }

  @Test
  void aWaitThatEndedFasterThanAnyPoolTimesOutIsNotInferredAsATimeout() {
    long activity = registry.acquiredCount() + registry.releasedCount();
    long t0 = clock.nanoTime();
    pool.observed(t0, new long[] {7}, new long[] {1}, new long[] {1}, 1, activity, pool.openedCount(), pool.isFull());
    pool.observed(t0 + 120 * MS, new long[0], new long[0], new long[0], 0, activity, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).as("120 ms: a handover Leash did not see, not a pool timeout").isZero();
  }

  @Test
  void aWaiterThatLeftInterruptedIsNoTimeoutButOneThatLeftOtherwiseIs() {
    pool.connectionOpened();
    registry.start(owner, null); // the only connection, leased between the looks
    long activity = registry.acquiredCount() + registry.releasedCount();
    long t0 = clock.nanoTime();
    pool.observed(t0, new long[] {7, 8}, new long[] {1, 1}, new long[] {1, 1}, 2, activity, pool.openedCount(), pool.isFull());
    // 400 ms later both are gone and nothing was freed; thread 7 has its interrupt status set.
    pool.observed(t0 + 400 * MS, new long[0], new long[0], new long[0], 0, activity, pool.openedCount(), pool.isFull(),
        id -> id == 7);
    assertThat(pool.failedWaits()).as("only thread 8's wait ended as a timeout").isEqualTo(1);
    assertThat(pool.longestFailedThread()).isEqualTo(8);
  }

  @Test
  void aThreadSeenRunningInsideThePoolAndThenParkedIsStillInItsFirstWait() {
    long activity = registry.acquiredCount() + registry.releasedCount();
    long t0 = clock.nanoTime();
    // Running inside getConnection() at the first look (spot 0), parked at the second: one wait, not a retry.
    pool.observed(t0, new long[] {7}, new long[] {3}, new long[] {0}, 1, activity, pool.openedCount(), pool.isFull());
    pool.observed(t0 + 300 * MS, new long[] {7}, new long[] {4}, new long[] {42}, 1, activity, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).isZero();
    assertThat(pool.waitingSince(7, t0 + 300 * MS)).isEqualTo(t0);
    // Parked somewhere else inside the pool before (a lock), now in the pool's queue: still the same wait.
    pool.observed(t0 + 600 * MS, new long[] {7}, new long[] {5}, new long[] {43}, 1, activity, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).isZero();
    // Parked at the same spot again with a moved count and nothing freed: it timed out and asked again.
    pool.observed(t0 + 900 * MS, new long[] {7}, new long[] {6}, new long[] {43}, 1, activity, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).isEqualTo(1);
    assertThat(pool.waitingSince(7, t0 + 900 * MS)).isEqualTo(t0 + 900 * MS);
  }

  @Test
  void aWaiterLeavingWhileAConnectionIsNotLeasedIsNoTimeout() {
    // Two connections, one leased: the other was handed to the waiter, whose first use (where URL mode
    // sees the borrow) comes later on a busy machine. Its leaving is not a failed wait.
    pool.connectionOpened();
    pool.connectionOpened();
    registry.start(owner, null);
    long activity = registry.acquiredCount() + registry.releasedCount();
    long t0 = clock.nanoTime();
    pool.observed(t0, new long[] {7}, new long[] {1}, new long[] {1}, 1, activity, pool.openedCount(), pool.isFull());
    pool.observed(t0 + 300 * MS, new long[0], new long[0], new long[0], 0, activity, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).isZero();

    registry.start(owner, null); // now every connection is leased, and stays so between the looks
    activity = registry.acquiredCount() + registry.releasedCount();
    pool.observed(t0 + 600 * MS, new long[] {8}, new long[] {1}, new long[] {1}, 1, activity, pool.openedCount(), pool.isFull());
    pool.observed(t0 + 900 * MS, new long[0], new long[0], new long[0], 0, activity, pool.openedCount(), pool.isFull());
    assertThat(pool.failedWaits()).as("nothing lay in the pool and nothing was returned: a timeout").isEqualTo(1);
  }

  @Test
  void aThreadParkedInsideTheDryPoolPastTheThresholdGivesPoolExhaustedNamingWhereItWaits() throws Exception {
    pool.connectionOpened();
    Lease held = registry.start(owner, null); // the only connection, held by this thread
    Thread waiter = FakePool.waiter("checkout-1", release);
    FakePool.awaitParked(waiter);

    registry.samplePools();
    assertThat(owner.waiting()).as("seen inside the pool's getConnection").isEqualTo(1);
    clock.advance(Duration.ofMillis(900));
    registry.samplePools();
    Thread.sleep(100);
    assertThat(events).as("900 ms is under the 1 s threshold").isEmpty();

    clock.advance(Duration.ofMillis(300));
    registry.samplePools();
    PoolEvent e = awaitEvent();
    assertThat(e.kind()).isEqualTo(PoolEvent.Kind.EXHAUSTED);
    assertThat(e.pool()).isEqualTo("fake-pool");
    assertThat(e.waiting()).isEqualTo(1);
    assertThat(e.inUse()).isEqualTo(1);
    assertThat(e.max()).as("URL mode cannot read the pool's setting").isEqualTo(-1);
    assertThat(e.waitMillis()).isEqualTo(1200);
    assertThat(e.thread()).isEqualTo("checkout-1");
    assertThat(e.stillWaiting()).isTrue();
    assertThat(e.site()).startsWith(FakePool.CALLING_SITE_PREFIX);
    assertThat(ReportText.holders(e.holders()))
        .contains("Waiting: 1 thread inside FakePool getConnection(), the longest for at least 1.2 s")
        .contains("1 x " + FakePool.CALLING_SITE_PREFIX);

    clock.advance(Duration.ofSeconds(2));
    registry.samplePools();
    Thread.sleep(100);
    assertThat(events).as("rate-limited: one report per 10 s interval").hasSize(1);

    registry.end(held);
    registry.samplePools();
    assertThat(owner.waiting()).as("not dry any more: the watchdog stops looking").isZero();
  }

  @Test
  void waitersOfAPoolWhoseConnectsFailAreDatabaseUnavailable() throws Exception {
    owner.connectStarted();
    owner.connectEnded("Connection refused: db.internal:5432");
    Thread waiter = FakePool.waiter("checkout-2", release);
    FakePool.awaitParked(waiter);

    registry.samplePools();
    clock.advance(Duration.ofMillis(1500));
    registry.samplePools();
    PoolEvent e = awaitEvent();
    assertThat(e.diagnosis()).isEqualTo("database_unavailable");
    assertThat(ReportText.diagnosis(e.diagnosisDetail())).contains("cannot open connections to jdbc:fake: Connection refused: db.internal:5432");
    assertThat(e.failure()).as("the waiting thread has not failed yet").isNull();
  }

  private PoolEvent awaitEvent() throws InterruptedException {
    for (int i = 0; i < 200 && events.isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(events).isNotEmpty();
    return events.get(0);
  }
}
