package dev.leash.internal.jfr;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.internal.util.LastResort;
import jdk.jfr.FlightRecorder;

/**
 * Stands in for the {@link JfrListener} until the flight recorder is up. Before the recorder has been
 * initialised no recording exists, so no Leash event can be enabled, and registering Leash's three event
 * classes with JFR (which loads JFR's own machinery: 100–200 ms of a cold JVM's first connection) would buy
 * nothing. The recorder initialises before its first recording starts ({@code Recording}, {@code
 * RecordingStream}, {@code jcmd JFR.start}); the first event Leash hears after that installs the JFR listener
 * and hands it the event, so every lease that begins while a recording runs is recorded, as when the
 * listener was installed at the first connection.
 *
 * <p>Watched from the events themselves rather than with a {@code FlightRecorderListener}: JFR holds its
 * listeners for the life of the JVM, which would keep a web application's class loader (and its copy of
 * Leash) reachable after an undeploy. Until the recorder is up each event costs one read of a volatile field.
 */
public final class RecorderGate implements LeashListener {

  /** Stands for the JFR listener when creating it failed: said once, not retried at every event. */
  private static final LeashListener UNAVAILABLE = new LeashListener() {};

  private volatile LeashListener jfr;

  private RecorderGate() {}

  /** The JFR listener now when the recorder is up ({@code -XX:StartFlightRecording}), else a gate that waits for it. */
  public static LeashListener create() {
    return recorderUp() ? new JfrListener() : new RecorderGate();
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    LeashListener l = listener();
    if (l != null) {
      l.leaseStarted(lease);
    }
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    LeashListener l = jfr;
    if (l != null) {
      l.leaseEnded(lease, heldNanos);
    }
  }

  @Override
  public void leak(LeakEvent e) {
    LeashListener l = listener();
    if (l != null) {
      l.leak(e);
    }
  }

  @Override
  public void pool(PoolEvent e) {
    LeashListener l = listener();
    if (l != null) {
      l.pool(e);
    }
  }

  /** The JFR listener, installed the first time the recorder is seen up; null before. */
  private LeashListener listener() {
    LeashListener l = jfr;
    if (l != null || !recorderUp()) {
      return l;
    }
    synchronized (this) {
      if (jfr == null) {
        try {
          jfr = new JfrListener();
        } catch (Throwable t) {
          jfr = UNAVAILABLE;
          LastResort.print("JFR events unavailable, continuing without them (reported once): " + t);
        }
      }
      return jfr;
    }
  }

  private static boolean recorderUp() {
    return FlightRecorder.isInitialized();
  }
}
