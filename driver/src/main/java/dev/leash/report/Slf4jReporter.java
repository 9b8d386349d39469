package dev.leash.report;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Turns Leash events into log lines through SLF4J 2: one call per event, a readable message that
 * always contains the site as {@code Class.method(File.java:line)}, plus snake_case key-values, so a
 * plain-text log is greppable and a JSON encoder yields one object per event. The acquisition stack
 * goes last, as the event's throwable.
 */
public final class Slf4jReporter implements LeashListener {

  private final Logger leak;
  private final Logger lifecycle;
  private final Logger config;
  private final Logger pool;

  public Slf4jReporter() {
    this.leak = LoggerFactory.getLogger("leash.leak");
    this.pool = LoggerFactory.getLogger("leash.pool");
    this.lifecycle = LoggerFactory.getLogger("leash.lifecycle");
    this.config = LoggerFactory.getLogger("leash.config");
  }

  @Override
  public void started(StartedEvent e) {
    String cfg = ReportMessages.config(e);
    lifecycle.atInfo()
        .setMessage(ReportMessages.started(e, cfg))
        .addKeyValue("event", "leash.started")
        .addKeyValue("mode", e.mode())
        .addKeyValue("version", e.version())
        .addKeyValue("config", cfg)
        .log();
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    if (leak.isDebugEnabled()) {
      leak.atDebug()
          .setMessage(ReportMessages.acquired(lease))
          .addKeyValue("event", "connection.acquired")
          .addKeyValue("lease_id", lease.id())
          .addKeyValue("pool", lease.pool())
          .addKeyValue("db", lease.db())
          .addKeyValue("thread", lease.threadName())
          .addKeyValue("site", lease.site())
          .log();
    }
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    if (leak.isDebugEnabled()) {
      long heldMs = TimeUnit.NANOSECONDS.toMillis(heldNanos);
      leak.atDebug()
          .setMessage(ReportMessages.released(lease, heldNanos))
          .addKeyValue("event", "connection.released")
          .addKeyValue("lease_id", lease.id())
          .addKeyValue("pool", lease.pool())
          .addKeyValue("db", lease.db())
          .addKeyValue("thread", lease.threadName())
          .addKeyValue("site", lease.site())
          .addKeyValue("held_ms", heldMs)
          .log();
    }
  }

  @Override
  public void leak(LeakEvent e) {
    log(Level.valueOf(ReportMessages.level(e.kind())), e, ReportMessages.leak(e), ReportMessages.withStack(e));
  }

  @Override
  public void pool(PoolEvent e) {
    boolean exhausted = e.kind() == PoolEvent.Kind.EXHAUSTED;
    Level level = exhausted ? Level.ERROR : Level.WARN;
    if (!pool.isEnabledForLevel(level)) {
      return;
    }
    if (e.kind() == PoolEvent.Kind.NESTED) {
      pool.atWarn()
          .setMessage(PoolMessages.nested(e))
          .addKeyValue("event", e.kind().eventName())
          .addKeyValue("pool", e.pool())
          .addKeyValue("db", e.db())
          .addKeyValue("thread", e.thread())
          .addKeyValue("site", e.site())
          .addKeyValue("held_site", e.heldSite())
          .addKeyValue("in_use", e.inUse())
          .addKeyValue("max", e.max())
          .log();
      return;
    }
    LoggingEventBuilder b = pool.atLevel(level)
        .setMessage(exhausted ? PoolMessages.exhausted(e) : PoolMessages.slowWait(e))
        .addKeyValue("event", e.kind().eventName())
        .addKeyValue("pool", e.pool())
        .addKeyValue("db", e.db())
        .addKeyValue("thread", e.thread())
        .addKeyValue("site", e.site())
        .addKeyValue("wait_ms", e.waitMillis())
        .addKeyValue("in_use", e.inUse())
        .addKeyValue("max", e.max())
        .addKeyValue("waiting", e.waiting());
    if (exhausted) {
      b = b.addKeyValue("diagnosis", e.diagnosis());
    }
    if (e.suppressed() > 0) {
      b = b.addKeyValue("suppressed", e.suppressed());
    }
    b.log();
  }

  @Override
  public void notice(String event, String message) {
    config.atInfo().setMessage(message).addKeyValue("event", event).log();
  }

  private void log(Level level, LeakEvent e, String message, boolean withStack) {
    if (!leak.isEnabledForLevel(level)) {
      return;
    }
    LoggingEventBuilder b = leak.atLevel(level)
        .setMessage(message)
        .addKeyValue("event", e.kind().eventName())
        .addKeyValue("lease_id", e.leaseId())
        .addKeyValue("pool", e.pool())
        .addKeyValue("db", e.db())
        .addKeyValue("thread", e.threadName())
        .addKeyValue("site", e.site())
        .addKeyValue("held_ms", e.heldMillis());
    if (e.kind() == LeakEvent.Kind.SUSPECTED) {
      b = b.addKeyValue("idle_ms", e.idleMillis());
    }
    if (withStack) {
      b = b.setCause(new AcquisitionStack(e.threadName(), e.stack()));
    }
    b.log();
  }
}
