package dev.leash.internal;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.internal.jmx.JmxExporter;
import dev.leash.internal.track.LeaseRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the optional outputs (JMX MBean, Micrometer meters, JFR events) that the first configuration
 * Leash sees enables. Nothing is started until the application's first JDBC traffic through Leash
 * (a lease, an acquisition, a driver connect), so an agent's {@code premain} never starts the platform
 * MBean server or loads Micrometer. Micrometer and {@code jdk.jfr} are optional: each is looked up
 * without loading any class that mentions it, and only then are those classes touched, so a class
 * path without Micrometer never sees a {@code NoClassDefFoundError}.
 */
final class Outputs implements LeashListener {

  static final String MICROMETER_PROBE = "io.micrometer.core.instrument.Metrics";

  private final LeaseRegistry registry;
  private final LeashConfig config;
  private volatile boolean installed;

  private Outputs(LeaseRegistry registry, LeashConfig config) {
    this.registry = registry;
    this.config = config;
  }

  /** Arranges for the outputs {@code config} enables to start at the first event. */
  static void install(LeaseRegistry registry, LeashConfig config) {
    if (config.jmxEnabled() || config.metricsEnabled() || config.jfrEnabled()) {
      registry.listeners().add(new Outputs(registry, config));
    }
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    for (LeashListener l : start()) {
      l.leaseStarted(lease);
    }
  }

  @Override
  public void acquisitionEnded(String pool, long waitNanos, boolean timedOut) {
    for (LeashListener l : start()) {
      l.acquisitionEnded(pool, waitNanos, timedOut);
    }
  }

  @Override
  public void connectionCreated(String pool, long createNanos) {
    for (LeashListener l : start()) {
      l.connectionCreated(pool, createNanos);
    }
  }

  /**
   * Starts the outputs once and returns the listeners it added, so the caller can hand them the event
   * that triggered the start (they were not in the list being iterated). Empty for every later call.
   */
  private synchronized List<LeashListener> start() {
    List<LeashListener> added = new ArrayList<>();
    if (installed) {
      return added;
    }
    installed = true;
    registry.listeners().remove(this);
    if (config.jmxEnabled()) {
      JmxExporter.register(registry);
    }
    if (config.metricsEnabled() && micrometerPresent()) {
      add(added, "Micrometer meters", Outputs::micrometer);
    }
    if (config.jfrEnabled() && ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
      add(added, "JFR events", Outputs::jfr);
    }
    return added;
  }

  private void add(List<LeashListener> added, String what, java.util.function.Supplier<LeashListener> factory) {
    try {
      LeashListener l = factory.get();
      registry.listeners().add(l);
      added.add(l);
    } catch (Throwable t) {
      System.err.println("leash: " + what + " unavailable, continuing without them (reported once): " + t);
    }
  }

  static boolean micrometerPresent() {
    try {
      Class.forName(MICROMETER_PROBE, false, Outputs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  // Each output in its own method: the classes that mention Micrometer or jdk.jfr types load only here.
  private static LeashListener micrometer() {
    return dev.leash.metrics.MetricsListener.installGlobal();
  }

  private static LeashListener jfr() {
    return new dev.leash.jfr.JfrListener();
  }
}
