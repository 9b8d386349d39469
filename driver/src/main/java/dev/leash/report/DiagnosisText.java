package dev.leash.report;

import dev.leash.event.PoolDiagnosis;
import java.util.Locale;

/** The diagnosis of a {@code pool.exhausted} in one sentence with its evidence, and the remote-call hint after it. */
final class DiagnosisText {

  private DiagnosisText() {}

  static String of(PoolDiagnosis d) {
    String text = cause(d);
    PoolDiagnosis.RemoteCalls r = d.remoteCalls();
    if (r == null) {
      return text;
    }
    return text + " Hint remote_call_in_transaction: " + r.count() + " of " + r.idleHolders()
        + " idle holders are waiting on a remote call, e.g. " + r.frame() + " (connection taken at " + r.takenAt()
        + "), while holding their connection: make the remote call outside the transaction.";
  }

  private static String cause(PoolDiagnosis d) {
    switch (d.cause()) {
      case DATABASE_UNAVAILABLE:
        return databaseUnavailable(d);
      case NESTED_ACQUISITION:
        return nested(d);
      case LEAK:
        return leak(d);
      case SLOW_QUERIES:
        return d.count() + " of " + d.ofConnections() + " connections busy inside statements for "
            + Durations.range(d.minMillis(), d.maxMillis()) + ", most at " + d.where()
            + ": slow queries hold the pool. Look at those statements (and the database's load) before growing the pool.";
      case POOL_TOO_SMALL:
        return tooSmall(d);
      default:
        throw new AssertionError(d.cause());
    }
  }

  private static String databaseUnavailable(PoolDiagnosis d) {
    if (d.belowMaximum()) {
      return "The pool timed out with only " + d.open() + " of " + d.max()
          + " connections open: it cannot open new connections to " + d.db()
          + " (database down, unreachable, or too slow to accept connections); a bigger pool will not help.";
    }
    String failure = d.failure() != null ? d.failure()
        : d.connectingMillis() > 0 ? "opening a new connection has taken " + Durations.human(d.connectingMillis()) + " so far"
        : null;
    return "The pool cannot open connections to " + d.db() + (failure == null ? "" : ": " + failure)
        + ". The database is down, unreachable or too slow to accept connections; a bigger pool will not help.";
  }

  private static String nested(PoolDiagnosis d) {
    String where = d.heldAt() == null ? "" : " (taken at " + d.heldAt() + ") and wait for a second at " + d.secondAt();
    return d.nestedWaiting() + " of " + d.waiting() + " waiting threads already hold a connection of this pool" + where
        + ": a nested acquisition. When every connection is held by a thread waiting for another, the pool deadlocks;"
        + " a bigger pool only postpones it. Run the inner work on the outer connection, or give it its own pool.";
  }

  private static String leak(PoolDiagnosis d) {
    StringBuilder t = new StringBuilder();
    if (d.count() > 0) {
      String others = d.count() > d.whereCount() ? " (" + (d.count() - d.whereCount()) + " more idle elsewhere)" : "";
      t.append(d.count()).append(" of ").append(d.ofConnections()).append(" connections held idle for ")
          .append(Durations.range(d.minMillis(), d.maxMillis())).append(" by ").append(d.where()).append(others);
    }
    if (d.lost() > 0) {
      boolean alone = t.length() == 0;
      t.append(alone ? "" : ", and ").append(d.lost()).append(alone ? " of " + d.ofConnections() : "")
          .append(d.lost() == 1 && !alone ? " connection" : " connections")
          .append(" lost for good: garbage-collected without close() (last taken at ").append(d.lostSite()).append(')');
    }
    return t + ": they look leaked (not closed on some path). Fix the code at that line;"
        + " a bigger pool only delays the next outage.";
  }

  private static String tooSmall(PoolDiagnosis d) {
    StringBuilder t = new StringBuilder();
    t.append("Demand outruns the pool: peak demand ").append(d.peakDemand()).append(" (in use + waiting) in the last minute against ");
    if (d.max() > 0) {
      t.append("a maximum of ").append(d.max());
    } else if (d.open() > 0) {
      // URL mode: the pool's setting is not visible, but a dry pool with waiters has opened all it may.
      t.append("the ").append(d.open()).append(" connections the pool has open (its configured maximum is not visible here)");
    } else {
      t.append("a maximum Leash cannot see (").append(d.inUse()).append(" in use)");
    }
    if (d.meanHoldMillis() >= 0) {
      t.append("; holders are short-lived (mean hold ").append(String.format(Locale.ROOT, "%.0f", d.meanHoldMillis()))
          .append(" ms at ").append(String.format(Locale.ROOT, "%.1f", d.ratePerSecond())).append(" acquisitions/s, Little's law: ")
          .append(String.format(Locale.ROOT, "%.1f", d.busyOnAverage())).append(" busy on average)");
    }
    t.append(". Suggested maximum: ").append(d.suggestedMaximum()).append('.');
    return t.toString();
  }
}
