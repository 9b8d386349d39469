package dev.leash.report;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes Leash's events through SLF4J 2: one call per event with what {@link EventFormatter} yields (a
 * readable message that always contains the site, snake_case key-values, the acquisition stack as the
 * throwable), so a plain-text log is greppable and a JSON encoder yields one object per event.
 *
 * <p>Never logs on an application thread: {@code leash.started}, notices, {@code connection.leak.returned}
 * and the DEBUG {@code connection.acquired}/{@code connection.released} happen inside the application's
 * {@code getConnection()}/{@code close()}, so they are built there (cheap) and handed to Leash's
 * reporting thread (bounded queue, drops counted), because a logging backend that blocks (a full
 * synchronous appender, a stalled network appender) must not block the application. Leak events come
 * from the watchdog thread and pool events from the reporting thread, and are logged where they arrive.
 */
final class Slf4jReporter extends LineSink {

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
    this.leak = LoggerFactory.getLogger(EventFormatter.LEAK);
    this.pool = LoggerFactory.getLogger(EventFormatter.POOL);
    this.lifecycle = LoggerFactory.getLogger(EventFormatter.LIFECYCLE);
    this.config = LoggerFactory.getLogger(EventFormatter.CONFIG);
  }

  /**
   * @param offload runs a log call off the application thread without blocking (the registry's
   *     reporting thread); called only for the events that arise on application threads
   */
  public Slf4jReporter(Consumer<Runnable> offload) {
    this(offload, System.err);
  }

  @Override
  boolean wantsLeaseLines() {
    return leak.isDebugEnabled();
  }

  @Override
  void writeLater(LogLine line) {
    offload.accept(() -> write(line));
  }

  /** One SLF4J call: the line's level, message, key-values in order and throwable. */
  @Override
  void write(LogLine line) {
    Logger logger = logger(line.logger);
    Level level = Level.valueOf(line.level);
    if (!logger.isEnabledForLevel(level)) {
      if (logger == leak || logger == pool) {
        silenced.once(logger.getName(), level, line.event);
      }
      return;
    }
    LoggingEventBuilder b = logger.atLevel(level).setMessage(line.message);
    for (LogLine.KeyValue kv : line.keyValues) {
      b = b.addKeyValue(kv.key, kv.value);
    }
    if (line.throwable != null) {
      b = b.setCause(line.throwable);
    }
    b.log();
  }

  private Logger logger(String name) {
    switch (name) {
      case EventFormatter.LEAK:
        return leak;
      case EventFormatter.POOL:
        return pool;
      case EventFormatter.LIFECYCLE:
        return lifecycle;
      default:
        return config;
    }
  }
}
