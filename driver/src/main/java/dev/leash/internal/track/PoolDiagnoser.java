package dev.leash.internal.track;

import dev.leash.event.PoolDiagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Why one pool ran dry, read at one moment from its leases, their threads' current frames and its demand (see
 * {@link Diagnosis} for the rules), and whether that moment is too early to say: a {@code pool_too_small} that
 * the pool's returns do not support yet is held back for a while (see {@link #tooEarlyToSayTooSmall}).
 */
final class PoolDiagnoser {

  /** How old a wait may grow while its {@code pool_too_small} waits for evidence: three wait thresholds, at least 2 s. */
  private static final int HOLD_BACK_THRESHOLDS = 3;
  private static final long HOLD_BACK_MIN_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Pool owner;
  private final LeaseRegistry registry;
  private final DemandWindow demand;
  private final NestedAcquisitions nested;
  private final long holdBackNanos;

  PoolDiagnoser(Pool owner, LeaseRegistry registry, DemandWindow demand, NestedAcquisitions nested, long waitThresholdNanos) {
    this.owner = owner;
    this.registry = registry;
    this.demand = demand;
    this.nested = nested;
    this.holdBackNanos = Math.max(HOLD_BACK_MIN_NANOS, waitThresholdNanos > Long.MAX_VALUE / HOLD_BACK_THRESHOLDS
        ? Long.MAX_VALUE : HOLD_BACK_THRESHOLDS * waitThresholdNanos);
  }

  /** The holders of an exhaustion and why the pool ran dry, read once so that the report and its diagnosis agree. */
  static final class Diagnosed {
    final List<Lease> holders;
    final int lost;
    final PoolDiagnosis diagnosis;
    /** Leases of the pool ended in the last minute: there is a usual hold to call holders short-lived against. */
    final boolean returnsSeen;

    Diagnosed(List<Lease> holders, int lost, PoolDiagnosis diagnosis, boolean returnsSeen) {
      this.holders = holders;
      this.lost = lost;
      this.diagnosis = diagnosis;
      this.returnsSeen = returnsSeen;
    }
  }

  /**
   * @param acquireFrames where a holder waits when it asks for a second connection
   * @param monitor the pool's monitor, told of a nested pair found in the holders' frames
   */
  Diagnosed diagnose(long now, Occasion o, NestedWaiters.AcquireFrames acquireFrames, PoolMonitor monitor) {
    List<Lease> holders = holders();
    int lost = lostOf(holders, o);
    Diagnosis.Evidence e = new Diagnosis.Evidence();
    e.holders = holders;
    e.now = now;
    e.inUse = o.inUse;
    e.max = o.max;
    e.total = o.total;
    e.waiting = o.waiting;
    e.leakThresholdNanos = owner.leakThresholdNanos();
    e.slowThresholdNanos = owner.config().poolWaitThreshold().toNanos();
    e.demand = demand.snapshot(now);
    e.failure = o.failure;
    e.waitNanos = o.wait;
    // The holders' current frames: holders waiting in getConnection() inside the invocation that took their
    // connection. The count kept at acquisition start misses what the mode cannot see (URL mode).
    NestedWaiters nw = NestedWaiters.find(holders, owner.capture(), acquireFrames, l -> !nested.leakedBeforeAsking(l, now, o.wait));
    if (nw.count > 0) {
      nested.seen(nw.heldSite, null, nw.waitSite, null, nw.thread, now, monitor);
    }
    e.nestedWaiting = Math.max(nested.waiting(), nw.count);
    e.lost = lost;
    e.lostSite = owner.lastLostSite();
    e.nestedPair = nested.lastPair();
    e.failureMessage = o.cause;
    e.connectingNanos = o.connectingNanos;
    e.db = owner.db();
    return new Diagnosed(holders, lost, Diagnosis.decide(e), e.demand.endedCount > 0);
  }

  /**
   * A {@code pool_too_small} about a wait that goes on, while no lease of the pool has ended since that wait began
   * (though leases did in the last minute), is held back until the wait is {@link #holdBackNanos} old (three wait
   * thresholds, at least 2 s); the wait stays uncounted, so the watchdog's next look sees it again, and if it ends
   * first, its end is reported as it stands. {@code pool_too_small} says the holders are short-lived, and a pool
   * that has returned nothing through a whole wait has not shown that yet. Eight threads arriving together at a pool
   * of four, each taking a second connection inside its first ({@code REQUIRES_NEW} inside a transaction), on a
   * machine with every core busy: the first wait passed the threshold while the holders were still on their way to
   * their second {@code getConnection()} (their {@code SELECT 1} blocked for 650 ms), and the deadlock was reported
   * as a pool too small, with a bigger maximum as its advice; looks later, the holders' own frames say
   * {@code nested_acquisition}. A pool that returned nothing in the last minute has no usual hold to compare with:
   * holding back would only delay its report. Ended and failed waits are never held back: no later look sees them.
   */
  boolean tooEarlyToSayTooSmall(Diagnosed d, long waitStart, long now) {
    return d.diagnosis.cause() == PoolDiagnosis.Cause.POOL_TOO_SMALL
        && d.returnsSeen
        && !demand.endedSince(waitStart)
        && now - waitStart < holdBackNanos;
  }

  /** Connections the pool counts as in use that no open lease explains: lost to confirmed leaks. */
  int lostOf(List<Lease> holders, Occasion o) {
    return Math.max(0, Math.min(owner.lostCount(), o.inUse - holders.size()));
  }

  /** The pool's open leases. */
  List<Lease> holders() {
    List<Lease> mine = new ArrayList<>();
    for (Lease l : registry.openLeases()) {
      if (l.owner() == owner) {
        mine.add(l);
      }
    }
    return mine;
  }
}
