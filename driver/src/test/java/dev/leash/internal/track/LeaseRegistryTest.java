package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.testing.Borrower;
import dev.leash.testing.FakeClock;
import dev.leash.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaseRegistryTest {

  private final FakeClock clock = new FakeClock();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false);
  private final RecordingListener events = new RecordingListener();
  private final Pool owner = new Pool(registry, "pool-a", "jdbc:h2:mem:a",
      LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).build());

  @BeforeEach
  void listen() {
    registry.listeners().add(events);
  }

  private Lease takeConnection(Object holder) {
    return Borrower.borrow(registry, owner, holder);
  }

  @Test
  void idleLeasePastThresholdIsSuspectedOnceWithItsSite() {
    Object holder = new Object();
    Lease lease = takeConnection(holder);
    registry.scan();
    clock.advance(Duration.ofSeconds(29));
    registry.scan();
    assertThat(events.leaks).isEmpty();

    clock.advance(Duration.ofSeconds(2));
    registry.scan();
    registry.scan();

    assertThat(events.leaks).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(LeakEvent.Kind.SUSPECTED);
      assertThat(e.site()).startsWith("dev.leash.testing.Borrower.borrow(Borrower.java:");
      assertThat(e.heldMillis()).isEqualTo(31_000);
      assertThat(e.idleMillis()).isEqualTo(31_000);
      assertThat(e.pool()).isEqualTo("pool-a");
      assertThat(e.threadName()).isEqualTo(Thread.currentThread().getName());
      assertThat(e.stack()).isNotEmpty();
    });
    assertThat(registry.suspectedCount()).isEqualTo(1);
    assertThat(lease.isEnded()).isFalse();
  }

  @Test
  void busyLeaseIsHeldBusyNotALeak() {
    Lease lease = takeConnection(new Object());
    lease.executeStarted();
    clock.advance(Duration.ofSeconds(45));
    registry.scan();
    registry.scan();
    assertThat(events.leaks).extracting(LeakEvent::kind).containsExactly(LeakEvent.Kind.HELD_BUSY);

    // The long query ends and the connection is returned promptly: nothing else to say.
    lease.executeEnded();
    clock.advance(Duration.ofSeconds(1));
    registry.scan();
    registry.end(lease);
    assertThat(events.leaks).extracting(LeakEvent::kind).containsExactly(LeakEvent.Kind.HELD_BUSY);
  }

  @Test
  void activeLeaseIsNotSuspectedWhileItKeepsBeingUsed() {
    Lease lease = takeConnection(new Object());
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(10));
      lease.executeStarted();
      lease.executeEnded();
      registry.scan();
    }
    assertThat(events.leaks).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    registry.scan();
    assertThat(events.of(LeakEvent.Kind.SUSPECTED)).singleElement()
        .satisfies(e -> assertThat(e.idleMillis()).isEqualTo(31_000));
  }

  @Test
  void suspectedLeaseClosedLaterIsReturned() {
    Lease lease = takeConnection(new Object());
    clock.advance(Duration.ofSeconds(40));
    registry.scan();
    clock.advance(Duration.ofSeconds(5));
    registry.end(lease);
    registry.end(lease);

    assertThat(events.leaks).extracting(LeakEvent::kind)
        .containsExactly(LeakEvent.Kind.SUSPECTED, LeakEvent.Kind.RETURNED);
    assertThat(events.leaks.get(1).heldMillis()).isEqualTo(45_000);
    assertThat(registry.openCount()).isZero();
    assertThat(registry.releasedCount()).isEqualTo(1);
  }

  @Test
  void holderCollectedWithoutCloseIsConfirmed() throws Exception {
    takeConnection(new Object()); // nobody keeps the holder
    Object keptHolder = new Object();
    Lease kept = takeConnection(keptHolder);
    assertThat(registry.openCount()).isEqualTo(2);

    awaitConfirmed(1);
    java.lang.ref.Reference.reachabilityFence(keptHolder);

    assertThat(events.of(LeakEvent.Kind.CONFIRMED)).singleElement()
        .satisfies(e -> assertThat(e.site()).startsWith("dev.leash.testing.Borrower.borrow(Borrower.java:"));
    assertThat(registry.openCount()).isEqualTo(1);
    assertThat(registry.confirmedCount()).isEqualTo(1);
    registry.end(kept);
  }

  @Test
  void closedLeaseIsNeverConfirmedEvenAfterItsHolderIsCollected() throws Exception {
    Lease lease = takeConnection(new Object());
    registry.end(lease);
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      registry.drainCollected();
    }
    assertThat(events.leaks).isEmpty();
  }

  @Test
  void leasesFromOneCallSiteShareOneStack() {
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      leases.add(takeConnection(null));
    }
    List<StackTraceElement> first = leases.get(0).stack();
    assertThat(leases).as("equal frames: one shared stack").allSatisfy(l -> assertThat(l.stack()).isSameAs(first));
    assertThat(owner.capture().internedCount()).isEqualTo(1);
    leases.forEach(registry::end);
    assertThat(registry.openCount()).isZero();
  }

  @Test
  void concurrentBorrowReturnTrafficProducesNoLeakEventsAndBalancedCounts() throws Exception {
    int threads = 8;
    int cycles = 20_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < cycles; i++) {
          Lease l = takeConnection(null);
          l.executeStarted();
          l.executeEnded();
          registry.end(l);
        }
      });
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join(TimeUnit.MINUTES.toMillis(2));
    }
    clock.advance(Duration.ofMinutes(5));
    registry.scan();
    registry.drainCollected();

    assertThat(events.leaks).isEmpty();
    assertThat(registry.acquiredCount()).isEqualTo((long) threads * cycles);
    assertThat(registry.releasedCount()).isEqualTo((long) threads * cycles);
    assertThat(registry.openCount()).isZero();
    assertThat(events.started.get()).isEqualTo(events.ended.get());
  }

  @Test
  void listenerThatThrowsNeverBreaksTheCaller() {
    registry.listeners().add(new dev.leash.event.LeashListener() {
      @Override
      public void leaseStarted(dev.leash.event.LeaseView lease) {
        throw new IllegalStateException("broken listener");
      }
    });
    Lease lease = takeConnection(new Object());
    registry.end(lease);
    assertThat(registry.listeners().failures()).isEqualTo(1);
    assertThat(events.started.get()).isEqualTo(1);
  }

  private void awaitConfirmed(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (registry.confirmedCount() < count && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
      registry.drainCollected();
    }
  }
}
