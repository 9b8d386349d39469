package dev.leash.examples;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Captures what Leash logs in this JVM (logger {@code leash}), the way a user's Logback sees it, so
 * tests assert the log events themselves: their {@code event}, {@code diagnosis}, {@code site} and
 * readable message.
 */
final class LeashLog implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger logger;

  private LeashLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logger = context.getLogger("leash");
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
  }

  static LeashLog capture() {
    return new LeashLog();
  }

  /** The events named {@code event} (key-value {@code event}) whose {@code db} names {@code schema}. */
  List<ILoggingEvent> events(String event, String schema) {
    return snapshot().stream()
        .filter(e -> event.equals(kv(e, "event")))
        .filter(e -> kv(e, "db") != null && kv(e, "db").toLowerCase(Locale.ROOT).contains(schema.toLowerCase(Locale.ROOT)))
        .collect(Collectors.toList());
  }

  /** Polls until some event matches, for reports Leash writes from its own threads after the fact. */
  List<ILoggingEvent> await(Duration timeout, String schema, Predicate<ILoggingEvent> matching, String... events)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ILoggingEvent> found = new java.util.ArrayList<>();
      for (String event : events) {
        events(event, schema).stream().filter(matching).forEach(found::add);
      }
      if (!found.isEmpty() || System.nanoTime() > end) {
        return found;
      }
      Thread.sleep(100);
    }
  }

  static String kv(ILoggingEvent e, String key) {
    List<KeyValuePair> pairs = e.getKeyValuePairs();
    if (pairs == null) {
      return null;
    }
    for (KeyValuePair p : pairs) {
      if (key.equals(p.key)) {
        return String.valueOf(p.value);
      }
    }
    return null;
  }

  private List<ILoggingEvent> snapshot() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
