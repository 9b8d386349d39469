package dev.leash.jdbc;

import dev.leash.event.LeashListener;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.Listeners;
import java.util.Objects;

/**
 * The process-wide side of Leash that is not a connection: attaching your own {@link LeashListener} to
 * the events Leash produces in this class loader (from the {@code jdbc:leash:} driver, every
 * {@link LeashDataSource} and the agent alike), next to the SLF4J reporter, the meters and the JFR
 * events that Leash attaches itself.
 *
 * <pre>{@code
 * try (Leash.Registration r = Leash.addListener(new LeashListener() {
 *   public void pool(PoolEvent e) { alerts.send(e.pool(), e.diagnosis()); }
 * })) {
 *   ... // events arrive until close()
 * }
 * }</pre>
 */
public final class Leash {

  private Leash() {}

  /**
   * Starts delivering Leash's events to {@code listener}, from now on: a listener added after the first
   * tracked connection never sees {@code started}. Adding the same listener twice delivers each event
   * once (and closing either registration removes it). A listener that throws is isolated, counted and reported once on stderr; it never breaks a
   * JDBC call. Mind the threads each method is called on ({@link LeashListener}).
   *
   * @return the registration; {@link Registration#close()} stops the delivery
   */
  public static Registration addListener(LeashListener listener) {
    Objects.requireNonNull(listener, "listener");
    Listeners listeners = LeashRuntime.registry().listeners();
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A listener added with {@link #addListener}; closing it removes the listener. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {

    /** Stops delivering events to the listener; events already on their way may still arrive. Idempotent. */
    @Override
    void close();
  }
}
