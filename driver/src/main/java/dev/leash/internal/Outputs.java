package dev.leash.internal;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.internal.jmx.JmxExporter;
import dev.leash.internal.track.LeaseRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Starts the optional outputs (JMX MBean, Micrometer meters, JFR events) that the first configuration
 * Leash sees enables. Nothing is started until the application's first JDBC traffic through Leash
 * (a lease, an acquisition, a driver connect), so an agent's {@code premain} never starts the platform
 * MBean server or loads Micrometer; then they start on a thread of their own. Micrometer and {@code jdk.jfr} are optional: each is looked up
 * without loading any class that mentions it, and only then are those classes touched, so a class
 * path without Micrometer never sees a {@code NoClassDefFoundError}.
 */
final class Outputs implements LeashListener {

  static final String MICROMETER_PROBE = "io.micrometer.core.instrument.Metrics";

  private final LeaseRegistry registry;
  private final LeashConfig config;
  private static final CountDownLatch READY = new CountDownLatch(1);

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
    start();
  }

  @Override
  public void acquisitionEnded(String pool, long waitNanos, boolean timedOut) {
    start();
  }

  @Override
  public void connectionCreated(String pool, long createNanos) {
    start();
  }

  /**
   * Starts the outputs once, on a thread of their own: loading Micrometer, JFR and the platform MBean
   * server takes hundreds of milliseconds on a cold JVM, which must not stall (or count into the hold
   * time of) the application's first connection. Events until they are ready are not seen by them.
   */
  private void start() {
    if (installed) {
      return;
    }
    synchronized (this) {
      if (installed) {
        return;
      }
      installed = true;
    }
    registry.listeners().remove(this);
    Thread t = new Thread(this::installAll, "leash-outputs");
    t.setDaemon(true);
    t.setContextClassLoader(null); // must not pin the application's loader
    t.start();
  }

  private void installAll() {
    try {
      if (config.jmxEnabled() && ModuleLayer.boot().findModule("java.management").isPresent()) {
        try {
          JmxExporter.register(registry);
        } catch (Throwable t) {
          System.err.println("leash: JMX MBean unavailable, continuing without it (reported once): " + t);
        }
      }
      if (config.metricsEnabled() && micrometerPresent()) {
        add("Micrometer meters", Outputs::micrometer);
      }
      if (config.jfrEnabled() && ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
        add("JFR events", Outputs::jfr);
      }
    } finally {
      READY.countDown();
    }
  }

  private void add(String what, Supplier<LeashListener> factory) {
    try {
      registry.listeners().add(factory.get());
    } catch (Throwable t) {
      System.err.println("leash: " + what + " unavailable, continuing without them (reported once): " + t);
    }
  }

  /** Waits until the outputs have started (for tests and tools); false on timeout or when none start. */
  static boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return READY.await(timeout, unit);
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
