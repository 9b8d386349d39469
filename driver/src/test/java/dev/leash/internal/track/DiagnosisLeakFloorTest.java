package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.testing.Borrower;
import dev.leash.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "far older than the usual hold" leak rule against a pool whose timeout is about as long as its floor: the
 * report comes at the timeout, when connections leaked just before the waiter arrived have been idle a little less
 * than that (seen in {@code LeakScenarioTest} on PostgreSQL, diagnosed pool_too_small).
 */
class DiagnosisLeakFloorTest {

  private final FakeClock clock = new FakeClock();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false);
  private final Pool owner = new Pool(registry, "shop-pool", "jdbc:h2:mem:shop",
      LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).build());

  /** Five connections taken and never used, then {@code idle} later a report about a wait of {@code wait}. */
  private dev.leash.event.PoolDiagnosis diagnose(Duration idle, Duration wait) {
    List<Lease> holders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      holders.add(Borrower.borrow(registry, owner, new Object()));
    }
    clock.advance(idle);
    Diagnosis.Evidence e = new Diagnosis.Evidence();
    e.holders = holders;
    e.now = clock.nanoTime();
    e.inUse = 5;
    e.max = 5;
    e.total = 5;
    e.waiting = 3;
    e.leakThresholdNanos = Duration.ofSeconds(30).toNanos();
    e.slowThresholdNanos = Duration.ofSeconds(1).toNanos();
    // A thousand quick borrows of 1 ms each over the last 35 s: the pool's usual hold is 1 ms.
    e.demand = new DemandWindow.Snapshot(9, 1000, Duration.ofMillis(1000).toNanos(), 35.0);
    e.failure = AcquisitionFailure.POOL_TIMEOUT;
    e.waitNanos = wait.toNanos();
    return Diagnosis.decide(e);
  }

  @Test
  void holdersIdleThroughMostOfAOneSecondTimeoutAreALeak() {
    assertThat(diagnose(Duration.ofMillis(986), Duration.ofSeconds(1)).code()).isEqualTo(Diagnosis.LEAK);
  }

  @Test
  void holdersIdleOnlyBrieflyDuringTheWaitAreNotCalledLeaked() {
    assertThat(diagnose(Duration.ofMillis(300), Duration.ofSeconds(1)).code()).isEqualTo(Diagnosis.POOL_TOO_SMALL);
  }

  @Test
  void withoutAKnownWaitTheOneSecondFloorStands() {
    assertThat(diagnose(Duration.ofMillis(986), Duration.ZERO).code()).isEqualTo(Diagnosis.POOL_TOO_SMALL);
    assertThat(diagnose(Duration.ofMillis(1_100), Duration.ZERO).code()).isEqualTo(Diagnosis.LEAK);
  }
}
