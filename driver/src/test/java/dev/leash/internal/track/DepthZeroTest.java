package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.testing.FakeClock;
import dev.leash.testing.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code leash.stack.depth=0}: the borrow path shares one clock read between the wait's end and the lease's start,
 * keeps no per-thread list of held leases and no per-lease thread reference; what a team gets without stacks stays
 * the same: counts, waits, leak reports (site unknown), the lease's start time and thread.
 */
class DepthZeroTest {

  private static final String NO_STACK = "(stack capture off: leash.stack.depth=0)";

  private final FakeClock clock = new FakeClock();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false);
  private final RecordingListener events = new RecordingListener();
  private final Pool owner = new Pool(registry, "pool-0", "jdbc:h2:mem:zero",
      LeashConfig.builder().stackDepth(0).leakThreshold(Duration.ofSeconds(30)).build());

  DepthZeroTest() {
    registry.listeners().add(events);
  }

  @Test
  void theLeaseStartsWhenTheWaitEndsAndIsCountedAndReportedWithItsSiteUnknown() {
    PoolMonitor monitor = owner.monitor();
    long ticket = monitor.acquireStarted();
    clock.advance(Duration.ofMillis(7));
    long handedOut = monitor.acquireSucceeded(ticket);
    long wallAtHandOut = clock.currentTimeMillis();
    clock.advance(Duration.ofMillis(3)); // Leash's own work between the hand-out and the lease does not count
    Object holder = new Object();
    Lease lease = registry.start(owner, holder, null, handedOut);

    assertThat(handedOut).isEqualTo(clock.nanoTime() - Duration.ofMillis(3).toNanos());
    assertThat(lease.startNanos()).isEqualTo(handedOut);
    assertThat(lease.startedAtMillis()).isBetween(wallAtHandOut, clock.currentTimeMillis());
    assertThat(lease.threadName()).isEqualTo(Thread.currentThread().getName());
    assertThat(lease.liveThread()).isSameAs(Thread.currentThread());
    assertThat(lease.site()).isEqualTo(NO_STACK);
    assertThat(registry.openCount()).isEqualTo(1);
    assertThat(registry.acquiredCount()).isEqualTo(1);
    assertThat(owner.openLeases()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(31));
    registry.scan();
    assertThat(events.of(LeakEvent.Kind.SUSPECTED)).singleElement().satisfies(e -> {
      assertThat(e.site()).isEqualTo(NO_STACK);
      assertThat(e.heldMillis()).isEqualTo(31_003);
      assertThat(e.stack()).isEmpty();
    });

    registry.end(lease);
    assertThat(events.of(LeakEvent.Kind.RETURNED)).singleElement()
        .satisfies(e -> assertThat(e.heldMillis()).isEqualTo(31_003));
    assertThat(registry.openCount()).isZero();
    assertThat(registry.releasedCount()).isEqualTo(1);
    assertThat(owner.openLeases()).isZero();
    java.lang.ref.Reference.reachabilityFence(holder);
  }

  @Test
  void aLeaseStartedWithoutATimeReadsTheClock() {
    clock.advance(Duration.ofSeconds(2));
    Lease lease = registry.start(owner, new Object(), null, 0);
    assertThat(lease.startNanos()).isEqualTo(clock.nanoTime());
    assertThat(lease.startedAtMillis()).isEqualTo(clock.currentTimeMillis());
  }

  @Test
  void withoutStacksNoHeldLeaseIsListedForTheNestedCheck() {
    Lease first = registry.start(owner, new Object());
    assertThat(registry.heldByCurrentThread(owner)).isNull();
    registry.end(first);

    // With stacks, the thread's own open lease is found, and forgotten when it ends.
    Pool withStacks = new Pool(registry, "pool-32", "jdbc:h2:mem:zero", LeashConfig.builder().build());
    Lease held = registry.start(withStacks, new Object());
    assertThat(registry.heldByCurrentThread(withStacks)).isSameAs(held);
    registry.end(held);
    assertThat(registry.heldByCurrentThread(withStacks)).isNull();
  }

  @Test
  void leasesOfOneThreadShareItsWeakReference() {
    Lease a = registry.start(owner, new Object());
    Lease b = registry.start(owner, new Object());
    Thread[] other = new Thread[1];
    Lease[] c = new Lease[1];
    other[0] = new Thread(() -> c[0] = registry.start(owner, new Object()), "other-taker");
    other[0].start();
    join(other[0]);

    assertThat(a.liveThread()).isSameAs(Thread.currentThread()).isSameAs(b.liveThread());
    assertThat(c[0].threadName()).isEqualTo("other-taker");
    assertThat(c[0].liveThread()).as("the taker has ended").isNull();
  }

  @Test
  void anEndedLeaseWhoseHolderIsCollectedLaterIsNeverConfirmed() throws Exception {
    Object holder = new Object();
    Lease lease = registry.start(owner, holder, null, 0);
    registry.end(lease);
    holder = null;
    // The lease stays reachable from here while its holder goes: the collector may queue it (it is not cleared).
    for (int i = 0; i < 5 && lease.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    registry.drainCollected();
    assertThat(registry.confirmedCount()).isZero();
    assertThat(events.of(LeakEvent.Kind.CONFIRMED)).isEmpty();
    assertThat(registry.releasedCount()).isEqualTo(1);
    assertThat(lease.isEnded()).isTrue();
  }

  @Test
  void theSystemClockDerivesTheWallClockFromTheMonotonicReading() {
    Clock c = Clock.SYSTEM;
    long before = System.currentTimeMillis();
    long millis = c.millisAt(c.nanoTime());
    long after = System.currentTimeMillis();
    assertThat(millis).isBetween(before - 2, after + 2);
    // An instant 1.5 s ago (past the anchor's renewal) is 1.5 s before the wall clock, not now.
    long past = c.millisAt(c.nanoTime() - 1_500_000_000L);
    assertThat(past).isBetween(before - 1_502, System.currentTimeMillis() - 1_498);
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
