package dev.leash.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Captures every event logged under the {@code leash} logger hierarchy while open. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("leash");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.setName("capture-" + System.identityHashCode(this));
    appender.start();
    logger.addAppender(appender);
  }

  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Events whose {@code event} key-value is {@code name} and that match {@code filter}. */
  public List<ILoggingEvent> named(String name, Predicate<ILoggingEvent> filter) {
    return events().stream().filter(e -> name.equals(kv(e, "event"))).filter(filter).collect(Collectors.toList());
  }

  /** Waits up to {@code seconds} until at least {@code count} such events arrived; returns them. */
  public List<ILoggingEvent> await(String name, Predicate<ILoggingEvent> filter, int count, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<ILoggingEvent> found = named(name, filter);
    while (found.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
      found = named(name, filter);
    }
    return found;
  }

  public static Object kv(ILoggingEvent e, String key) {
    List<KeyValuePair> pairs = e.getKeyValuePairs();
    if (pairs == null) {
      return null;
    }
    for (KeyValuePair p : pairs) {
      if (p.key.equals(key)) {
        return p.value;
      }
    }
    return null;
  }

  public static Map<String, Object> kvs(ILoggingEvent e) {
    return e.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> Objects.requireNonNullElse(p.value, "null")));
  }

  public static Predicate<ILoggingEvent> pool(String poolSubstring) {
    return e -> String.valueOf(kv(e, "pool")).contains(poolSubstring);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
