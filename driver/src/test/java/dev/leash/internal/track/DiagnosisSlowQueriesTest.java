package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.PoolDiagnosis;
import dev.leash.testing.Borrower;
import dev.leash.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code slow_queries} rule on a fake clock: a holder counts as slow only when its statement (not its hold) has
 * run past the wait threshold and, where the pool's usual hold is known, well past that too. On a machine whose cores
 * are all busy, 60 ms statements take 200–500 ms like every lease before them (PoolExhaustedIT's undersized c3p0
 * pool was diagnosed slow_queries), and holders still loading classes before their first statement were counted
 * busy for their whole hold.
 */
class DiagnosisSlowQueriesTest {

  private static final Duration WAIT_THRESHOLD = Duration.ofMillis(200);

  private final FakeClock clock = new FakeClock();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false);
  private final Pool owner = new Pool(registry, "shop-pool", "jdbc:h2:mem:shop",
      LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).poolWaitThreshold(WAIT_THRESHOLD).build());
  private final List<Lease> holders = new ArrayList<>();

  /** Three holders that take their connection now and start a statement {@code before} later. */
  private void holdersStartStatementsAfter(Duration before) {
    for (int i = 0; i < 3; i++) {
      holders.add(Borrower.borrow(registry, owner, new Object()));
    }
    clock.advance(before);
    for (Lease l : holders) {
      l.executeStarted();
    }
  }

  /** {@code later} after the last look, 27 threads wait for a full pool of three; {@code usual} is the pool's mean hold, or null. */
  private PoolDiagnosis diagnose(Duration later, Duration usual) {
    return diagnose(later, usual == null ? new DemandWindow.Snapshot(30, 0, 0, 0.5)
        : new DemandWindow.Snapshot(30, 20, usual.toNanos() * 20, 2.0), Duration.ofMillis(240));
  }

  /** As above, with the pool's recent demand ({@code demand}) and the reported wait given. */
  private PoolDiagnosis diagnose(Duration later, DemandWindow.Snapshot demand, Duration wait) {
    clock.advance(later);
    Diagnosis.Evidence e = new Diagnosis.Evidence();
    e.holders = holders;
    e.now = clock.nanoTime();
    e.inUse = 3;
    e.max = 3;
    e.total = 3;
    e.waiting = 27;
    e.leakThresholdNanos = Duration.ofSeconds(30).toNanos();
    e.slowThresholdNanos = WAIT_THRESHOLD.toNanos();
    e.demand = demand;
    e.waitNanos = wait.toNanos();
    return Diagnosis.decide(e);
  }

  @Test
  void statementsRunningLongWithNoHistoryAreSlowQueries() {
    holdersStartStatementsAfter(Duration.ofMillis(5));
    assertThat(diagnose(Duration.ofSeconds(2), null).code()).isEqualTo(Diagnosis.SLOW_QUERIES);
  }

  @Test
  void holdersHeldLongButWhoseStatementsJustBeganAreNotSlowQueries() {
    // The cold-JVM case: 230 ms in getConnection()/createStatement() class loading, then the statement starts.
    holdersStartStatementsAfter(Duration.ofMillis(230));
    PoolDiagnosis d = diagnose(Duration.ofMillis(10), null);
    assertThat(holders.get(0).heldNanos(clock.nanoTime())).as("held past the wait threshold").isGreaterThan(WAIT_THRESHOLD.toNanos());
    assertThat(d.code()).isEqualTo(Diagnosis.POOL_TOO_SMALL);
  }

  @Test
  void aDatabaseSlowForLongerThanTheWindowIsStillSlowQueries() {
    // Every statement went from 50 ms to 5 s more than a minute ago: the one-minute mean hold is 5 s too, but the
    // holds of before the incident (ended while nobody waited) say 50 ms. A bigger pool is the wrong advice here.
    holdersStartStatementsAfter(Duration.ofMillis(5));
    DemandWindow.Snapshot lastMinute = new DemandWindow.Snapshot(30, 36, Duration.ofSeconds(5).toNanos() * 36, 60.0, 50.0);
    assertThat(diagnose(Duration.ofSeconds(5), lastMinute, Duration.ofSeconds(1)).code()).isEqualTo(Diagnosis.SLOW_QUERIES);
  }

  @Test
  void theCalmHoldIsLearnedOnlyFromLeasesEndedWhileNobodyWaited() {
    DemandWindow w = new DemandWindow(0);
    long ms = 1_000_000L;
    w.ended(10 * ms, 50 * ms, true);
    for (int i = 0; i < 100; i++) {
      w.ended((20 + i) * ms, 5_000 * ms, false);
    }
    DemandWindow.Snapshot s = w.snapshot(200 * ms);
    assertThat(s.meanHoldMillis()).isGreaterThan(4_900);
    assertThat(s.calmHoldMillis).isEqualTo(50.0);
    assertThat(s.usualHoldMillis()).isEqualTo(50.0);
  }

  @Test
  void statementsAsSlowAsThePoolsUsualHoldAreDemandNotSlowQueries() {
    // A loaded machine: every lease lately took about 300 ms; these statements have run 450 ms.
    holdersStartStatementsAfter(Duration.ofMillis(5));
    PoolDiagnosis d = diagnose(Duration.ofMillis(450), Duration.ofMillis(300));
    assertThat(d.code()).isEqualTo(Diagnosis.POOL_TOO_SMALL);
    assertThat(d.meanHoldMillis()).isEqualTo(300.0);
  }

  @Test
  void statementsFarSlowerThanTheUsualHoldAreSlowQueries() {
    holdersStartStatementsAfter(Duration.ofMillis(5));
    PoolDiagnosis d = diagnose(Duration.ofMillis(950), Duration.ofMillis(300));
    assertThat(d.code()).isEqualTo(Diagnosis.SLOW_QUERIES);
    assertThat(d.count()).isEqualTo(3);
    assertThat(d.ofConnections()).isEqualTo(3);
  }

  @Test
  void aNewStatementOnTheSameLeaseCountsFromItsOwnStart() {
    holdersStartStatementsAfter(Duration.ofMillis(5));
    clock.advance(Duration.ofSeconds(1));
    assertThat(holders.get(0).statementNanos(clock.nanoTime())).isEqualTo(Duration.ofSeconds(1).toNanos());
    for (Lease l : holders) {
      l.executeEnded(); // the long one ends; a short one begins
      l.executeStarted();
    }
    assertThat(holders.get(0).statementNanos(clock.nanoTime())).isZero();
    assertThat(diagnose(Duration.ofMillis(50), null).code()).isEqualTo(Diagnosis.POOL_TOO_SMALL);
    assertThat(diagnose(Duration.ofMillis(200), null).code()).as("now 250 ms into the new statements").isEqualTo(Diagnosis.SLOW_QUERIES);
    for (Lease l : holders) {
      l.executeEnded();
    }
    assertThat(holders.get(0).statementNanos(clock.nanoTime())).as("no statement running").isZero();
  }
}
