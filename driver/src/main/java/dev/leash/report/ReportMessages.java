package dev.leash.report;

import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.StartedEvent;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The readable text of every report, shared by {@link Slf4jReporter} and {@link StderrReporter} so a
 * line reads the same in the application's log and on stderr.
 */
final class ReportMessages {

  private ReportMessages() {}

  static String config(StartedEvent e) {
    StringBuilder cfg = new StringBuilder();
    for (Map.Entry<String, String> entry : e.config().entrySet()) {
      if (cfg.length() > 0) {
        cfg.append(", ");
      }
      cfg.append(entry.getKey()).append('=').append(entry.getValue());
    }
    return cfg.toString();
  }

  /** The problem, then what Leash does about it: the key keeps its default, or the setting is ignored. */
  static String configRejected(ConfigProblem p) {
    if (p.defaultValue() == null) {
      return p.problem() + ". Leash ignores it and goes on";
    }
    String dflt = p.defaultValue().isEmpty() ? "(none)" : p.defaultValue();
    return p.problem() + ". Leash goes on with the default, " + p.key() + "=" + dflt;
  }

  static String started(StartedEvent e, String config) {
    return "Leash " + e.version() + " started in " + e.mode() + " mode: " + config;
  }

  static String acquired(LeaseView lease) {
    return "Connection acquired at " + lease.site() + " by thread " + lease.threadName()
        + " (pool=" + lease.pool() + ", lease=" + lease.id() + ")";
  }

  static String released(LeaseView lease, long heldNanos) {
    return "Connection released after " + Durations.human(TimeUnit.NANOSECONDS.toMillis(heldNanos)) + ", taken at "
        + lease.site() + " (pool=" + lease.pool() + ", lease=" + lease.id() + ")";
  }

  static String leak(LeakEvent e) {
    switch (e.kind()) {
      case SUSPECTED:
        return "Connection leak suspected: held " + Durations.human(e.heldMillis()) + " and idle "
            + Durations.human(e.idleMillis()) + ", taken at " + e.site() + " by thread " + e.threadName()
            + (e.threadAlive() ? "" : " (thread ended)") + " (pool=" + e.pool() + ", lease=" + e.leaseId() + ")";
      case HELD_BUSY:
        return "Connection held " + Durations.human(e.heldMillis())
            + " but busy in a statement (a long query, not a leak), taken at " + e.site() + " by thread "
            + e.threadName() + " (pool=" + e.pool() + ", lease=" + e.leaseId() + ")";
      case RETURNED:
        return "Suspected connection leak returned after " + Durations.human(e.heldMillis())
            + ", taken at " + e.site() + " by thread " + e.threadName() + " (pool=" + e.pool() + ", lease="
            + e.leaseId() + ")";
      case CONFIRMED:
        return "Connection leak confirmed: connection taken at " + e.site() + " by thread "
            + e.threadName() + " was garbage-collected without close() after " + Durations.human(e.heldMillis())
            + "; a pool has lost it for good (pool=" + e.pool() + ", lease=" + e.leaseId() + ")";
      default:
        throw new AssertionError(e.kind());
    }
  }

  /** SUSPECTED and CONFIRMED carry the acquisition stack; the others do not. */
  static boolean withStack(LeakEvent e) {
    return (e.kind() == LeakEvent.Kind.SUSPECTED || e.kind() == LeakEvent.Kind.CONFIRMED) && !e.stack().isEmpty();
  }

  /** WARN, INFO, INFO, ERROR: the levels of PRODUCT.md's event table. */
  static String level(LeakEvent.Kind kind) {
    switch (kind) {
      case SUSPECTED:
        return "WARN";
      case CONFIRMED:
        return "ERROR";
      default:
        return "INFO";
    }
  }
}
