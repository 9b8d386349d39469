package dev.leash.examples;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.jdbc.Leash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What Leash said about one run, heard through a {@link LeashListener} added with
 * {@link Leash#addListener} (the same events its SLF4J reporter turns into log lines). Keeps only the
 * events of this run's database (its schema is part of the URL), so runs in one JVM never hear each other.
 */
final class LeashWatch implements LeashListener, AutoCloseable {

  private final String schema;
  private final List<PoolEvent> poolEvents = new CopyOnWriteArrayList<>();
  private final List<LeakEvent> leakEvents = new CopyOnWriteArrayList<>();
  private Leash.Registration registration;

  private LeashWatch(String schema) {
    this.schema = schema.toLowerCase(Locale.ROOT);
  }

  static LeashWatch start(Database database) {
    LeashWatch w = new LeashWatch(database.schema());
    w.registration = Leash.addListener(w);
    return w;
  }

  @Override
  public void pool(PoolEvent event) {
    if (mine(event.db())) {
      poolEvents.add(event);
    }
  }

  @Override
  public void leak(LeakEvent event) {
    if (mine(event.db())) {
      leakEvents.add(event);
    }
  }

  private boolean mine(String db) {
    return db != null && db.toLowerCase(Locale.ROOT).contains(schema);
  }

  /** The first {@code pool.exhausted} of this run, waiting up to {@code timeout} for it (reports are asynchronous). */
  PoolEvent awaitExhausted(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (PoolEvent e : poolEvents) {
        if (e.kind() == PoolEvent.Kind.EXHAUSTED) {
          return e;
        }
      }
      if (System.nanoTime() >= end) {
        return null;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  List<LeakEvent> leaks(LeakEvent.Kind kind) {
    List<LeakEvent> out = new ArrayList<>();
    for (LeakEvent e : leakEvents) {
      if (e.kind() == kind) {
        out.add(e);
      }
    }
    return out;
  }

  List<PoolEvent> poolEvents() {
    return new ArrayList<>(poolEvents);
  }

  @Override
  public void close() {
    registration.close();
  }
}
