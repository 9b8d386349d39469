package dev.leash.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One report as a sink writes it: level, logger, readable message, ordered key-values and throwable. Made
 * by {@link EventFormatter} only, so the SLF4J and stderr sinks cannot drift apart: they write what it holds.
 */
final class LogLine {

  /** One key-value. */
  static final class KeyValue {
    final String key;
    final Object value;
    /** A word from a fixed set (an event name, a diagnosis code, a mode): a plain-text sink writes it unquoted. */
    final boolean word;
    /** The message already says it in full: a plain-text sink may leave it out of the line. */
    final boolean inMessage;

    KeyValue(String key, Object value, boolean word, boolean inMessage) {
      this.key = key;
      this.value = value;
      this.word = word;
      this.inMessage = inMessage;
    }
  }

  final String level;
  final String logger;
  final String message;
  final List<KeyValue> keyValues;
  final Throwable throwable;
  final String event;

  private LogLine(Builder b) {
    this.level = b.level;
    this.logger = b.logger;
    this.message = b.message;
    this.keyValues = Collections.unmodifiableList(b.keyValues);
    this.throwable = b.throwable;
    this.event = b.event;
  }

  /** Starts a line whose first key-value is {@code event}. */
  static Builder of(String level, String logger, String event) {
    return new Builder(level, logger, event);
  }

  static final class Builder {
    private final String level;
    private final String logger;
    private final String event;
    private String message;
    private final List<KeyValue> keyValues = new ArrayList<>(12);
    private Throwable throwable;

    private Builder(String level, String logger, String event) {
      this.level = level;
      this.logger = logger;
      this.event = event;
      word("event", event);
    }

    Builder message(String m) {
      message = m;
      return this;
    }

    /** A text value (a plain-text sink quotes it). */
    Builder kv(String key, Object value) {
      keyValues.add(new KeyValue(key, value, false, false));
      return this;
    }

    /** A number, kept as the type it has (an {@code int} stays an {@code Integer} for a JSON encoder). */
    Builder num(String key, Number value) {
      keyValues.add(new KeyValue(key, value, true, false));
      return this;
    }

    Builder kvIfSet(String key, String value) {
      return value == null ? this : kv(key, value);
    }

    Builder word(String key, String value) {
      keyValues.add(new KeyValue(key, value, true, false));
      return this;
    }

    Builder inMessage(String key, String value) {
      keyValues.add(new KeyValue(key, value, false, true));
      return this;
    }

    /** The request context, one key-value per key, in key order. */
    Builder context(Map<String, String> context) {
      for (Map.Entry<String, String> c : context.entrySet()) {
        kv(c.getKey(), c.getValue());
      }
      return this;
    }

    Builder throwable(Throwable t) {
      throwable = t;
      return this;
    }

    LogLine build() {
      return new LogLine(this);
    }
  }
}
