package dev.leash.internal.track;

import dev.leash.event.HolderGroup;
import dev.leash.event.PoolDiagnosis;
import dev.leash.event.PoolDiagnosis.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Why a pool ran dry, decided from measurements: a {@link PoolDiagnosis} with its evidence (the sentence is
 * the report package's).
 *
 * <p>In order: a database that cannot be reached (a connection failure in the pool's exception, or a
 * pool that timed out while below its maximum) explains everything; then waiting threads that already
 * hold a connection of the pool (at least half of them) are a {@code nested_acquisition} deadlock; then leases held idle past the
 * leak threshold (or idle far longer than the pool's typical lease) that make up at least half of
 * the connections in use are a {@code leak}; then holders whose statement has run longer than the
 * wait threshold and well past the pool's usual hold, making up at least half, are {@code slow_queries}; otherwise the holders are busy
 * and short-lived and demand simply outruns the maximum: {@code pool_too_small}, with the measured
 * peak demand and a suggested maximum.
 */
public final class Diagnosis {

  public static final String LEAK = Cause.LEAK.code();
  public static final String POOL_TOO_SMALL = Cause.POOL_TOO_SMALL.code();
  public static final String SLOW_QUERIES = Cause.SLOW_QUERIES.code();
  public static final String DATABASE_UNAVAILABLE = Cause.DATABASE_UNAVAILABLE.code();
  public static final String NESTED_ACQUISITION = Cause.NESTED_ACQUISITION.code();

  /** A statement running this many times longer than the pool's mean hold time (and past the wait threshold) is slow. */
  private static final int SLOWER_THAN_USUAL_FACTOR = 3;
  /** A lease idle this many times longer than the pool's mean hold time looks leaked, even under the threshold. */
  private static final int FAR_OLDER_FACTOR = 10;
  /**
   * ...and idle at least this long, or at least half the wait the report is about, whichever is shorter. A fixed
   * floor alone misses a leak whenever the pool's timeout is about that long: the report comes at the timeout, when
   * the connections leaked just before the waiter arrived have been idle a little less than the timeout
   * ({@code LeakScenarioTest} on PostgreSQL: five holders idle 986 ms to 1.2 s at a 1 s timeout, mean hold 1 ms,
   * diagnosed pool_too_small). A holder that sat idle through half of a starving thread's wait, at ten times
   * the pool's usual hold, is not serving demand.
   */
  private static final long FAR_OLDER_MIN_NANOS = TimeUnit.SECONDS.toNanos(1);

  private Diagnosis() {}

  /** What one exhaustion looks like, as measured when it happened. */
  static final class Evidence {
    List<Lease> holders = List.of();
    long now;
    int inUse;
    int max = -1;
    /** Connections the pool has open (active + idle) where it says, else -1. */
    int total = -1;
    int waiting;
    long leakThresholdNanos;
    long slowThresholdNanos;
    DemandWindow.Snapshot demand;
    AcquisitionFailure failure;
    /** Connections the pool counts as in use that no open lease explains, lost to confirmed leaks. */
    int lost;
    String lostSite;
    /** Waiting threads that already hold a connection of this pool. */
    int nestedWaiting;
    /** {held path or site, second path or site} of the latest nested acquisition, or null. */
    String[] nestedPair;
    String failureMessage;
    /** URL mode: how long a connect in progress has taken, when that (not a message) is the evidence; else 0. */
    long connectingNanos;
    String db;
    /** The wait the report is about (the longest or the failed one), in nanoseconds; 0 if unknown. */
    long waitNanos;
  }

  static PoolDiagnosis decide(Evidence e) {
    EvidenceBuilder found = new EvidenceBuilder().max(e.max).open(e.total).db(e.db).waiting(e.waiting);
    Cause cause = decideCause(e, found);
    return new PoolDiagnosis(cause, found.build(), remoteCalls(e));
  }

  /**
   * Holders whose threads are blocked in a socket read or an HTTP client while their connection is
   * idle (not in a statement): said only when at least half of the holders are, so the evidence is clear.
   */
  private static PoolDiagnosis.RemoteCalls remoteCalls(Evidence e) {
    int idleHolders = 0;
    int remote = 0;
    String example = null;
    String takenAt = null;
    for (Lease l : e.holders) {
      if (l.busy()) {
        continue;
      }
      idleHolders++;
      Thread t = l.liveThread();
      String frame = t == null ? null : RemoteCalls.remoteFrame(t);
      if (frame != null) {
        remote++;
        if (example == null) {
          example = frame;
          takenAt = l.where();
        }
      }
    }
    if (remote == 0 || remote * 2 < Math.max(e.holders.size(), 1)) {
      return null;
    }
    return new PoolDiagnosis.RemoteCalls(remote, idleHolders, example, takenAt);
  }

  private static Cause decideCause(Evidence e, EvidenceBuilder found) {
    if (e.failure == AcquisitionFailure.DATABASE_UNAVAILABLE) {
      found.failure(e.failureMessage);
      found.connectingMillis(TimeUnit.NANOSECONDS.toMillis(e.connectingNanos));
      return Cause.DATABASE_UNAVAILABLE;
    }
    if (e.failure == AcquisitionFailure.POOL_TIMEOUT && e.max > 0 && e.total >= 0 && e.total < e.max) {
      // A pool that times out below its maximum is not short of connections: it cannot open new ones.
      found.belowMaximum(true);
      return Cause.DATABASE_UNAVAILABLE;
    }
    if (e.nestedWaiting > 0 && e.nestedWaiting * 2 >= Math.max(e.waiting, 1)) {
      found.nestedWaiting(e.nestedWaiting);
      if (e.nestedPair != null) {
        found.heldAt(e.nestedPair[0]);
        found.secondAt(e.nestedPair[1]);
      }
      return Cause.NESTED_ACQUISITION;
    }
    int inUse = Math.max(e.inUse, e.holders.size());
    double meanHold = e.demand.meanHoldMillis();
    double usualHold = e.demand.usualHoldMillis();
    List<Lease> leaked = new ArrayList<>();
    List<Lease> slow = new ArrayList<>();
    for (Lease l : e.holders) {
      if (l.busy()) {
        if (slowerThanUsual(l.statementNanos(e.now), usualHold, e.slowThresholdNanos)) {
          slow.add(l);
        }
      } else if (looksLeaked(l.idleNanos(e.now), meanHold, e.leakThresholdNanos, e.waitNanos)) {
        leaked.add(l);
      }
    }
    inUse = Math.max(inUse, e.holders.size() + e.lost);
    found.inUse(inUse);
    found.ofConnections(e.max > 0 ? e.max : inUse);
    if (leaked.size() + e.lost > 0 && (leaked.size() + e.lost) * 2 >= inUse) {
      if (!leaked.isEmpty()) {
        HolderGroup worst = HolderGroups.of(leaked, e.now, false).get(0);
        found.count(leaked.size());
        found.where(worst.where());
        found.whereCount(worst.count());
        found.minMillis(worst.minIdleMillis());
        found.maxMillis(worst.maxIdleMillis());
      }
      found.lost(e.lost);
      found.lostSite(e.lostSite);
      return Cause.LEAK;
    }
    if (!slow.isEmpty() && slow.size() * 2 >= inUse) {
      HolderGroup worst = HolderGroups.of(slow, e.now, false).get(0);
      found.count(slow.size());
      found.where(worst.where());
      found.whereCount(worst.count());
      found.minMillis(worst.minHeldMillis());
      found.maxMillis(worst.maxHeldMillis());
      return Cause.SLOW_QUERIES;
    }
    tooSmall(e, inUse, meanHold, found);
    return Cause.POOL_TOO_SMALL;
  }

  private static void tooSmall(Evidence e, int inUse, double meanHoldMillis, EvidenceBuilder found) {
    int peak = Math.max(e.demand.peakDemand, inUse + e.waiting);
    double rate = e.demand.ratePerSecond();
    double littles = meanHoldMillis < 0 ? 0 : rate * meanHoldMillis / 1000.0;
    int base = e.max > 0 ? e.max : Math.max(inUse, e.total);
    found.peakDemand(peak);
    found.suggestedMaximum(Math.max(base + 1, Math.max((int) Math.ceil(peak * 1.2), (int) Math.ceil(littles * 1.5))));
    found.meanHoldMillis(meanHoldMillis);
    found.ratePerSecond(rate);
    found.busyOnAverage(littles);
  }

  /**
   * A statement is slow if it has run past the wait threshold and, where the pool's usual hold is known
   * ({@link DemandWindow.Snapshot#usualHoldMillis}, not dragged up by a long incident), also
   * {@link #SLOWER_THAN_USUAL_FACTOR} times longer than that. The threshold alone is no measure on a machine whose
   * cores are all busy: there, 60 ms statements take 200–500 ms, and so does every lease that ended before them
   * (PoolExhaustedIT's undersized c3p0 pool was called slow_queries): holders as slow as usual mean demand
   * outruns the pool, not that the statements got slow.
   */
  static boolean slowerThanUsual(long statementNanos, double meanHoldMillis, long slowThresholdNanos) {
    if (statementNanos < slowThresholdNanos) {
      return false;
    }
    return meanHoldMillis < 0 || statementNanos / 1e6 >= SLOWER_THAN_USUAL_FACTOR * meanHoldMillis;
  }

  private static boolean looksLeaked(long idleNanos, double meanHoldMillis, long leakThresholdNanos, long waitNanos) {
    if (idleNanos >= leakThresholdNanos) {
      return true;
    }
    long floor = waitNanos > 0 ? Math.min(FAR_OLDER_MIN_NANOS, waitNanos / 2) : FAR_OLDER_MIN_NANOS;
    return meanHoldMillis > 0 && idleNanos >= floor && idleNanos / 1e6 >= FAR_OLDER_FACTOR * meanHoldMillis;
  }
}
