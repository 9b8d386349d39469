package dev.leash.report;

import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Turns Leash events into log lines through SLF4J 2: one call per event, a readable message that
 * always contains the site as {@code Class.method(File.java:line)}, plus snake_case key-values, so a
 * plain-text log is greppable and a JSON encoder yields one object per event. The acquisition stack
 * goes last, as the event's throwable.
 *
 * <p>Never logs on an application thread: {@code leash.started}, notices, {@code connection.leak.returned}
 * and the DEBUG {@code connection.acquired}/{@code connection.released} happen inside the application's
 * {@code getConnection()}/{@code close()}, so they are built there (cheap) and handed to Leash's
 * reporting thread (bounded queue, drops counted), because a logging backend that blocks (a full
 * synchronous appender, a stalled network appender) must not block the application. Leak events come
 * from the watchdog thread and pool events from the reporting thread, and are logged where they arrive.
 */
public final class Slf4jReporter implements LeashListener {

  private final Logger leak;
  private final Logger lifecycle;
  private final Logger config;
  private final Logger pool;
  private final Consumer<Runnable> offload;
  private final SilencedLoggers silenced;

  /** A reporter that logs on the calling thread (tests, and tools that call it from their own thread). */
  public Slf4jReporter() {
    this(Runnable::run);
  }

  /** As {@link #Slf4jReporter(Consumer)}, saying on {@code stderr} when the logging configuration silences a report. */
  Slf4jReporter(Consumer<Runnable> offload, java.io.PrintStream stderr) {
    this.offload = offload;
    this.silenced = new SilencedLoggers(stderr);
    this.leak = LoggerFactory.getLogger("leash.leak");
    this.pool = LoggerFactory.getLogger("leash.pool");
    this.lifecycle = LoggerFactory.getLogger("leash.lifecycle");
    this.config = LoggerFactory.getLogger("leash.config");
  }

  /**
   * @param offload runs a log call off the application thread without blocking (the registry's
   *     reporting thread); called only for the events that arise on application threads
   */
  public Slf4jReporter(Consumer<Runnable> offload) {
    this(offload, System.err);
  }

  @Override
  public void started(StartedEvent e) {
    String cfg = ReportMessages.config(e);
    String message = ReportMessages.started(e, cfg);
    offload.accept(() -> lifecycle.atInfo()
        .setMessage(message)
        .addKeyValue("event", "leash.started")
        .addKeyValue("mode", e.mode())
        .addKeyValue("version", e.version())
        .addKeyValue("config", cfg)
        .log());
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    if (leak.isDebugEnabled()) {
      leaseDebug("connection.acquired", ReportMessages.acquired(lease), lease, -1);
    }
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    if (leak.isDebugEnabled()) {
      leaseDebug("connection.released", ReportMessages.released(lease, heldNanos), lease,
          TimeUnit.NANOSECONDS.toMillis(heldNanos));
    }
  }

  /**
   * One DEBUG line per lease start or end, logged on the reporting thread: the lease's fields are read
   * now, on the application thread, because the lease keeps changing after this call returns.
   */
  private void leaseDebug(String event, String message, LeaseView lease, long heldMs) {
    long id = lease.id();
    String poolName = lease.pool();
    String db = lease.db();
    String thread = lease.threadName();
    String site = lease.site();
    Map<String, String> context = lease.context();
    String line = message + ReportMessages.context(context);
    offload.accept(() -> {
      LoggingEventBuilder b = leak.atDebug()
          .setMessage(line)
          .addKeyValue("event", event)
          .addKeyValue("lease_id", id)
          .addKeyValue("pool", poolName)
          .addKeyValue("db", db)
          .addKeyValue("thread", thread)
          .addKeyValue("site", site);
      if (heldMs >= 0) {
        b = b.addKeyValue("held_ms", heldMs);
      }
      for (Map.Entry<String, String> c : context.entrySet()) {
        b = b.addKeyValue(c.getKey(), c.getValue());
      }
      b.log();
    });
  }


  @Override
  public void leak(LeakEvent e) {
    Level level = Level.valueOf(ReportMessages.level(e.kind()));
    String message = ReportMessages.leak(e) + ReportMessages.context(e.context());
    boolean withStack = ReportMessages.withStack(e);
    if (e.kind() == LeakEvent.Kind.RETURNED) {
      // Emitted inside the application's close(): never log there.
      offload.accept(() -> log(level, e, message, withStack));
    } else {
      log(level, e, message, withStack);
    }
  }

  @Override
  public void pool(PoolEvent e) {
    boolean exhausted = e.kind() == PoolEvent.Kind.EXHAUSTED;
    Level level = exhausted ? Level.ERROR : Level.WARN;
    if (!pool.isEnabledForLevel(level)) {
      silenced.once(pool.getName(), level, e.kind().eventName());
      return;
    }
    if (e.kind() == PoolEvent.Kind.NESTED) {
      LoggingEventBuilder nested = pool.atWarn()
          .setMessage(PoolMessages.nested(e))
          .addKeyValue("event", e.kind().eventName())
          .addKeyValue("pool", e.pool())
          .addKeyValue("db", e.db())
          .addKeyValue("thread", e.thread())
          .addKeyValue("site", e.site())
          .addKeyValue("held_site", e.heldSite())
          .addKeyValue("in_use", e.inUse())
          .addKeyValue("max", e.max());
      if (e.path() != null) {
        nested = nested.addKeyValue("path", e.path());
      }
      if (e.heldPath() != null) {
        nested = nested.addKeyValue("held_path", e.heldPath());
      }
      nested.log();
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
    String text = ReportMessages.notice(event, message);
    offload.accept(() -> config.atInfo().setMessage(text).addKeyValue("event", event).log());
  }

  @Override
  public void configRejected(ConfigProblem p) {
    String message = ReportMessages.configRejected(p);
    offload.accept(() -> {
      LoggingEventBuilder b = config.atWarn().setMessage(message).addKeyValue("event", ConfigProblemKeys.EVENT);
      for (String[] kv : ConfigProblemKeys.of(p)) {
        b = b.addKeyValue(kv[0], kv[1]);
      }
      b.log();
    });
  }

  private void log(Level level, LeakEvent e, String message, boolean withStack) {
    if (!leak.isEnabledForLevel(level)) {
      silenced.once(leak.getName(), level, e.kind().eventName());
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
    if (e.path() != null) {
      b = b.addKeyValue("path", e.path());
    }
    if (e.kind() == LeakEvent.Kind.SUSPECTED) {
      b = b.addKeyValue("idle_ms", e.idleMillis());
    }
    for (Map.Entry<String, String> c : e.context().entrySet()) {
      b = b.addKeyValue(c.getKey(), c.getValue());
    }
    if (withStack) {
      b = b.setCause(new AcquisitionStack(e.threadName(), e.stack()));
    }
    b.log();
  }
}
