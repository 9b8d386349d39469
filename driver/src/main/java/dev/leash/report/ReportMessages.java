package dev.leash.report;

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

  /**
   * What ends the message of every report about a lease: its request context as {@code key=value}
   * pairs ({@code " trace_id=4bf92f35... span_id=00f067aa..."}), or the empty string.
   */
  static String context(Map<String, String> context) {
    if (context.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : context.entrySet()) {
      b.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
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
