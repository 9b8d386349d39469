package dev.leash.report;

import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import dev.leash.internal.util.Notice;
import java.util.concurrent.TimeUnit;

/**
 * The one place that turns Leash's events into what a log shows: level, logger, readable message, ordered
 * key-values and throwable ({@link LogLine}). The SLF4J and stderr sinks only write what it yields; the
 * levels are those of PRODUCT.md's event table, the loggers {@code leash.leak}, {@code leash.pool},
 * {@code leash.lifecycle} and {@code leash.config}.
 */
final class EventFormatter {

  static final String LEAK = "leash.leak";
  static final String POOL = "leash.pool";
  static final String LIFECYCLE = "leash.lifecycle";
  static final String CONFIG = "leash.config";

  private EventFormatter() {}

  static LogLine started(StartedEvent e) {
    String cfg = ReportMessages.config(e);
    return LogLine.of("INFO", LIFECYCLE, "leash.started")
        .message(ReportMessages.started(e, cfg))
        .word("mode", e.mode())
        .word("version", e.version())
        .inMessage("config", cfg)
        .build();
  }

  /** {@code connection.acquired} (DEBUG): read at once, since the lease keeps changing after the call. */
  static LogLine acquired(LeaseView lease) {
    return lease(lease, "connection.acquired", ReportMessages.acquired(lease), -1);
  }

  /** {@code connection.released} (DEBUG). */
  static LogLine released(LeaseView lease, long heldNanos) {
    return lease(lease, "connection.released", ReportMessages.released(lease, heldNanos),
        TimeUnit.NANOSECONDS.toMillis(heldNanos));
  }

  private static LogLine lease(LeaseView lease, String event, String message, long heldMs) {
    LogLine.Builder b = LogLine.of("DEBUG", LEAK, event)
        .message(message + ReportMessages.context(lease.context()))
        .num("lease_id", lease.id())
        .kv("pool", lease.pool())
        .kv("db", lease.db())
        .kv("thread", lease.threadName())
        .kv("site", lease.site());
    if (heldMs >= 0) {
      b.num("held_ms", heldMs);
    }
    return b.context(lease.context()).build();
  }

  static LogLine leak(LeakEvent e) {
    LogLine.Builder b = LogLine.of(ReportMessages.level(e.kind()), LEAK, e.kind().eventName())
        .message(ReportMessages.leak(e) + ReportMessages.context(e.context()))
        .num("lease_id", e.leaseId())
        .kv("pool", e.pool())
        .kv("db", e.db())
        .kv("thread", e.threadName())
        .kv("site", e.site())
        .num("held_ms", e.heldMillis())
        .kvIfSet("path", e.path());
    if (e.kind() == LeakEvent.Kind.SUSPECTED) {
      b.num("idle_ms", e.idleMillis());
    }
    b.context(e.context());
    if (ReportMessages.withStack(e)) {
      b.throwable(new AcquisitionStack(e.threadName(), e.stack()));
    }
    return b.build();
  }

  static LogLine pool(PoolEvent e) {
    if (e.kind() == PoolEvent.Kind.NESTED) {
      return LogLine.of("WARN", POOL, e.kind().eventName())
          .message(PoolMessages.nested(e))
          .kv("pool", e.pool())
          .kv("db", e.db())
          .kv("thread", e.thread())
          .kv("site", e.site())
          .kv("held_site", e.heldSite())
          .num("in_use", e.inUse())
          .num("max", e.max())
          .kvIfSet("path", e.path())
          .kvIfSet("held_path", e.heldPath())
          .build();
    }
    boolean exhausted = e.kind() == PoolEvent.Kind.EXHAUSTED;
    LogLine.Builder b = LogLine.of(exhausted ? "ERROR" : "WARN", POOL, e.kind().eventName())
        .message(exhausted ? PoolMessages.exhausted(e) : PoolMessages.slowWait(e))
        .kv("pool", e.pool())
        .kv("db", e.db())
        .kv("thread", e.thread())
        .kv("site", e.site())
        .kvIfSet("path", e.path())
        .num("wait_ms", e.waitMillis())
        .num("in_use", e.inUse())
        .num("max", e.max())
        .num("waiting", e.waiting());
    if (exhausted) {
      b.word("diagnosis", e.diagnosis());
    }
    if (e.suppressed() > 0) {
      b.num("suppressed", e.suppressed());
    }
    return b.build();
  }

  /** A notice ({@code leash.tracking.limited}, {@code leash.leases.dropped}): INFO on {@code leash.config}. */
  static LogLine notice(Notice notice) {
    String event = notice.kind().eventName();
    return LogLine.of("INFO", CONFIG, event).message(ReportMessages.notice(notice)).build();
  }

  /** {@code leash.config.rejected}: {@code key}, {@code value}, {@code source}, {@code suggestion}, {@code default}, each only when known. */
  static LogLine configRejected(ConfigProblem p) {
    return LogLine.of("WARN", CONFIG, "leash.config.rejected")
        .message(ReportMessages.configRejected(p))
        .kvIfSet("key", p.key())
        .kvIfSet("value", p.value())
        .kvIfSet("source", p.source())
        .kvIfSet("suggestion", p.suggestion())
        .kvIfSet("default", p.defaultValue())
        .build();
  }
}
