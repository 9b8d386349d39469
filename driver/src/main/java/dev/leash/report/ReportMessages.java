package dev.leash.report;

import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.StartedEvent;
import dev.leash.internal.util.Notice;
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

  /**
   * {@code Title [event.name]: details}: every message carries its event name, so a log whose format drops
   * key-values (Spring Boot's default console pattern) can still be searched for it.
   */
  static String tagged(String title, String event, String details) {
    return title + " [" + event + "]: " + details;
  }

  /** The problem, then what Leash does about it: the key keeps its default, or the setting is ignored. */
  static String configRejected(ConfigProblem p) {
    if (p.defaultValue() == null) {
      return tagged("Setting ignored", "leash.config.rejected", p.problem() + ". Leash ignores it and goes on");
    }
    String dflt = p.defaultValue().isEmpty() ? "(none)" : p.defaultValue();
    return tagged("Setting ignored", "leash.config.rejected",
        p.problem() + ". Leash goes on with the default, " + p.key() + "=" + dflt);
  }

  static String started(StartedEvent e, String config) {
    return tagged("Leash " + e.version() + " started in " + e.mode() + " mode", "leash.started", config);
  }

  static String acquired(LeaseView lease) {
    return tagged("Connection acquired", "connection.acquired", "at " + lease.site() + " by thread " + lease.threadName()
        + " (pool=" + lease.pool() + ", lease=" + lease.id() + ")");
  }

  static String released(LeaseView lease, long heldNanos) {
    return tagged("Connection released", "connection.released", "after "
        + Durations.human(TimeUnit.NANOSECONDS.toMillis(heldNanos)) + ", taken at "
        + lease.site() + " (pool=" + lease.pool() + ", lease=" + lease.id() + ")");
  }

  /** A notice ({@code leash.tracking.limited}, {@code leash.leases.dropped}): what Leash cannot see, tagged with its event. */
  static String notice(Notice n) {
    String event = n.kind().eventName();
    switch (n.kind()) {
      case POOL_RETURNS_UNSEEN:
        return tagged("Tracking limited", event, n.pool() + " opens connections through jdbc:leash: but its returns"
            + " cannot be seen from the driver, so Leash does not track its borrows in URL mode (no leak reports for"
            + " this pool). Use the agent (-javaagent:leash-agent.jar) or LeashDataSource.wrap(dataSource) to track them.");
      case THREAD_STACKS_UNREADABLE:
        return tagged("Tracking limited", event, "Leash cannot read thread stacks in this JVM (" + n.failure()
            + "), so it cannot see threads waiting for pools in URL mode; leak reports are not affected.");
      case VIRTUAL_THREADS_UNREADABLE:
        return tagged("Tracking limited", event, "Leash cannot read the stacks of virtual threads in this JVM ("
            + n.failure() + "): in URL mode, threads waiting for a pool on virtual threads are not seen, so a pool"
            + " drained while its waiters are virtual threads is not reported as pool.exhausted; leak reports are not"
            + " affected, and LeashDataSource.wrap or the agent see every wait.");
      case LEASES_DROPPED:
        return tagged("Leases not tracked", event, "More than " + n.limit() + " connections are open at once; Leash"
            + " stops tracking further ones until some are returned, to bound its memory. The holders report says how"
            + " many were not tracked.");
      default:
        throw new AssertionError(n.kind());
    }
  }

  static String leak(LeakEvent e) {
    switch (e.kind()) {
      case SUSPECTED:
        return tagged("Connection leak suspected", e.kind().eventName(), "held " + Durations.human(e.heldMillis()) + " and idle "
            + Durations.human(e.idleMillis()) + ", taken at " + e.where() + " by thread " + e.threadName()
            + (e.threadAlive() ? "" : " (thread ended)") + " (pool=" + e.pool() + ", lease=" + e.leaseId() + ")");
      case HELD_BUSY:
        return tagged("Connection held busy", e.kind().eventName(), "held " + Durations.human(e.heldMillis())
            + " but busy in a statement (a long query, not a leak), taken at " + e.where() + " by thread "
            + e.threadName() + " (pool=" + e.pool() + ", lease=" + e.leaseId() + ")");
      case RETURNED:
        return tagged("Suspected connection leak returned", e.kind().eventName(), "closed after "
            + Durations.human(e.heldMillis()) + ", taken at " + e.where() + " by thread " + e.threadName() + " (pool="
            + e.pool() + ", lease=" + e.leaseId() + ")");
      case CONFIRMED:
        return tagged("Connection leak confirmed", e.kind().eventName(), "connection taken at " + e.where()
            + " by thread " + e.threadName() + " was garbage-collected without close() after "
            + Durations.human(e.heldMillis()) + "; " + aftermath(e) + " (pool=" + e.pool() + ", lease=" + e.leaseId() + ")");
      default:
        throw new AssertionError(e.kind());
    }
  }

  /**
   * What ends the message of every report about a lease: its request context as {@code key=value}
   * pairs ({@code " trace_id=4bf92f35... span_id=00f067aa..."}), or the empty string.
   */
  static String context(Map<String, String> context) {
    return context.isEmpty() ? "" : " " + Frames.context(context);
  }

  /** What is known about the connection behind a collected handle: only the pool's own count can say it is lost. */
  private static String aftermath(LeakEvent e) {
    String counts = e.poolInUse() + " in use, " + e.openLeases() + " held by open leases";
    switch (e.poolState()) {
      case STILL_IN_USE:
        return "the pool still counts it in use (" + counts + "): it has lost that connection for good unless it"
            + " reclaims abandoned connections";
      case RECLAIMED:
        return "the pool no longer counts it in use (" + counts + "): the pool closed or reclaimed it itself, so"
            + " no pool connection was lost, but the code never closed its handle";
      case NO_POOL:
        return "it came straight from the driver, not from a pool, so its physical connection was never closed";
      default:
        return "Leash cannot read this data source's counts, so whether a pool got the connection back is not known";
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
