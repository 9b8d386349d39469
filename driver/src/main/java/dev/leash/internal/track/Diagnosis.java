package dev.leash.internal.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Why a pool ran dry, decided from measurements, in one sentence with its evidence.
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

  public static final String LEAK = "leak";
  public static final String POOL_TOO_SMALL = "pool_too_small";
  public static final String SLOW_QUERIES = "slow_queries";
  public static final String DATABASE_UNAVAILABLE = "database_unavailable";
  public static final String NESTED_ACQUISITION = "nested_acquisition";

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

  private final String code;
  private final String text;

  private Diagnosis(String code, String text) {
    this.code = code;
    this.text = text;
  }

  public String code() {
    return code;
  }

  public String text() {
    return text;
  }

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
    String db;
    /** The wait the report is about (the longest or the failed one), in nanoseconds; 0 if unknown. */
    long waitNanos;
  }

  static Diagnosis decide(Evidence e) {
    Diagnosis d = decideCause(e);
    String hint = remoteCallHint(e);
    return hint == null ? d : new Diagnosis(d.code, d.text + " " + hint);
  }

  /**
   * Holders whose threads are blocked in a socket read or an HTTP client while their connection is
   * idle (not in a statement): said only when at least half of the holders are, so the evidence is clear.
   */
  private static String remoteCallHint(Evidence e) {
    int idleHolders = 0;
    int remote = 0;
    String example = null;
    for (Lease l : e.holders) {
      if (l.busy()) {
        continue;
      }
      idleHolders++;
      Thread t = l.liveThread();
      String frame = t == null ? null : RemoteCalls.remoteFrame(t);
      if (frame != null) {
        remote++;
        example = example == null ? frame + " (connection taken at " + l.where() + ")" : example;
      }
    }
    if (remote == 0 || remote * 2 < Math.max(e.holders.size(), 1)) {
      return null;
    }
    return "Hint remote_call_in_transaction: " + remote + " of " + idleHolders + " idle holders are waiting on a remote call, e.g. "
        + example + ", while holding their connection: make the remote call outside the transaction.";
  }

  private static Diagnosis decideCause(Evidence e) {
    if (e.failure == AcquisitionFailure.DATABASE_UNAVAILABLE) {
      return new Diagnosis(DATABASE_UNAVAILABLE, "The pool cannot open connections to " + e.db
          + (e.failureMessage == null ? "" : ": " + e.failureMessage)
          + ". The database is down, unreachable or too slow to accept connections; a bigger pool will not help.");
    }
    if (e.failure == AcquisitionFailure.POOL_TIMEOUT && e.max > 0 && e.total >= 0 && e.total < e.max) {
      // A pool that times out below its maximum is not short of connections: it cannot open new ones.
      return new Diagnosis(DATABASE_UNAVAILABLE, "The pool timed out with only " + e.total + " of " + e.max
          + " connections open: it cannot open new connections to " + e.db
          + " (database down, unreachable, or too slow to accept connections); a bigger pool will not help.");
    }
    if (e.nestedWaiting > 0 && e.nestedWaiting * 2 >= Math.max(e.waiting, 1)) {
      String where = e.nestedPair == null ? "" : " (taken at " + e.nestedPair[0] + ") and wait for a second at " + e.nestedPair[1];
      return new Diagnosis(NESTED_ACQUISITION, e.nestedWaiting + " of " + e.waiting
          + " waiting threads already hold a connection of this pool" + where
          + ": a nested acquisition. When every connection is held by a thread waiting for another, the pool deadlocks;"
          + " a bigger pool only postpones it. Run the inner work on the outer connection, or give it its own pool.");
    }
    int inUse = Math.max(e.inUse, e.holders.size());
    double meanHold = e.demand.meanHoldMillis();
    List<Lease> leaked = new ArrayList<>();
    List<Lease> slow = new ArrayList<>();
    for (Lease l : e.holders) {
      if (l.busy()) {
        if (slowerThanUsual(l.statementNanos(e.now), meanHold, e.slowThresholdNanos)) {
          slow.add(l);
        }
      } else if (looksLeaked(l.idleNanos(e.now), meanHold, e.leakThresholdNanos, e.waitNanos)) {
        leaked.add(l);
      }
    }
    inUse = Math.max(inUse, e.holders.size() + e.lost);
    if (leaked.size() + e.lost > 0 && (leaked.size() + e.lost) * 2 >= inUse) {
      StringBuilder t = new StringBuilder();
      if (!leaked.isEmpty()) {
        HoldersReport.Group worst = HoldersReport.group(leaked, e.now).get(0);
        String others = leaked.size() > worst.count() ? " (" + (leaked.size() - worst.count()) + " more idle elsewhere)" : "";
        t.append(leaked.size()).append(" of ").append(of(inUse, e.max)).append(" connections held idle for ")
            .append(HoldersReport.range(worst.minIdle, worst.maxIdle)).append(" by ").append(worst.where()).append(others);
      }
      if (e.lost > 0) {
        boolean alone = t.length() == 0;
        t.append(alone ? "" : ", and ").append(e.lost).append(alone ? " of " + of(inUse, e.max) : "")
            .append(e.lost == 1 && !alone ? " connection" : " connections")
            .append(" lost for good: garbage-collected without close() (last taken at ").append(e.lostSite).append(')');
      }
      return new Diagnosis(LEAK, t + ": they look leaked (not closed on some path). Fix the code at that line;"
          + " a bigger pool only delays the next outage.");
    }
    if (!slow.isEmpty() && slow.size() * 2 >= inUse) {
      HoldersReport.Group worst = HoldersReport.group(slow, e.now).get(0);
      return new Diagnosis(SLOW_QUERIES, slow.size() + " of " + of(inUse, e.max) + " connections busy inside statements for "
          + HoldersReport.range(worst.minHeld, worst.maxHeld) + ", most at " + worst.where()
          + ": slow queries hold the pool. Look at those statements (and the database's load) before growing the pool.");
    }
    return tooSmall(e, inUse, meanHold);
  }

  private static Diagnosis tooSmall(Evidence e, int inUse, double meanHoldMillis) {
    int peak = Math.max(e.demand.peakDemand, inUse + e.waiting);
    double rate = e.demand.ratePerSecond();
    double littles = meanHoldMillis < 0 ? 0 : rate * meanHoldMillis / 1000.0;
    int base = e.max > 0 ? e.max : Math.max(inUse, e.total);
    int suggested = Math.max(base + 1, Math.max((int) Math.ceil(peak * 1.2), (int) Math.ceil(littles * 1.5)));
    StringBuilder t = new StringBuilder();
    t.append("Demand outruns the pool: peak demand ").append(peak).append(" (in use + waiting) in the last minute against ");
    if (e.max > 0) {
      t.append("a maximum of ").append(e.max);
    } else if (e.total > 0) {
      // URL mode: the pool's setting is not visible, but a dry pool with waiters has opened all it may.
      t.append("the ").append(e.total).append(" connections the pool has open (its configured maximum is not visible here)");
    } else {
      t.append("a maximum Leash cannot see (").append(inUse).append(" in use)");
    }
    if (meanHoldMillis >= 0) {
      t.append("; holders are short-lived (mean hold ").append(String.format(Locale.ROOT, "%.0f", meanHoldMillis))
          .append(" ms at ").append(String.format(Locale.ROOT, "%.1f", rate)).append(" acquisitions/s, Little's law: ")
          .append(String.format(Locale.ROOT, "%.1f", littles)).append(" busy on average)");
    }
    t.append(". Suggested maximum: ").append(suggested).append('.');
    return new Diagnosis(POOL_TOO_SMALL, t.toString());
  }

  /**
   * A statement is slow if it has run past the wait threshold and, where the pool's usual hold is known, also
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

  /** The denominator of "7 of 10 connections": the maximum, or the connections in use when the maximum is unknown. */
  private static String of(int inUse, int max) {
    return Integer.toString(max > 0 ? max : inUse);
  }
}
