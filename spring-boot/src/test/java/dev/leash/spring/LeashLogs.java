package dev.leash.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * What Leash logged while a test ran, read from the application's own Logback (Spring Boot's default), the
 * way a user reads their log. Attach after the application started: Spring Boot resets Logback as it starts.
 */
final class LeashLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
  private final Logger leash;

  LeashLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    setContext(context);
    setName("leash-test-capture");
    start();
    leash = context.getLogger("leash");
    leash.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  /** The value of key-value {@code key} of {@code e}, or null. */
  static String kv(ILoggingEvent e, String key) {
    List<KeyValuePair> pairs = e.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if (p.key.equals(key)) {
          return String.valueOf(p.value);
        }
      }
    }
    return null;
  }

  /** Events named {@code event} about pool {@code pool}. */
  static Predicate<ILoggingEvent> event(String event, String pool) {
    return e -> event.equals(kv(e, "event")) && pool.equals(kv(e, "pool"));
  }

  List<ILoggingEvent> all() {
    return new ArrayList<>(events);
  }

  /** Waits up to {@code timeout} for an event matching {@code p}. */
  Optional<ILoggingEvent> await(Predicate<ILoggingEvent> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      for (ILoggingEvent e : events) {
        if (p.test(e)) {
          return Optional.of(e);
        }
      }
      Thread.sleep(25);
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  /** Waits until no event matching {@code p} arrived for {@code quiet}, then returns those events in order. */
  List<ILoggingEvent> quietThen(Predicate<ILoggingEvent> p, Duration quiet) throws InterruptedException {
    long seen = -1;
    while (true) {
      long now = events.stream().filter(p).count();
      if (now == seen) {
        return events.stream().filter(p).collect(java.util.stream.Collectors.toList());
      }
      seen = now;
      Thread.sleep(quiet.toMillis());
    }
  }

  /** Every line so far, for an assertion's message. */
  String dump() {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : events) {
      b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
          .append(' ').append(e.getKeyValuePairs()).append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() {
    leash.detachAppender(this);
    stop();
  }
}
