package dev.leash.internal;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeashListener;
import dev.leash.internal.jmx.JmxExporter;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.util.LastResort;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Starts the optional outputs (JMX MBean, Micrometer meters, JFR events) that the first configuration
 * Leash sees enables, when {@link LeashRuntime} announces {@code leash.started}: at the application's
 * first JDBC traffic through Leash (a lease, an acquisition, a driver connect), so an agent's
 * {@code premain} never starts the platform MBean server or loads Micrometer.
 *
 * <p>Meters and JFR events are installed right there, on the calling thread, before the first lease
 * begins: they count every lease, so the burst an application makes while it starts (migrations,
 * warm-up) must be in them from its first connection. That costs the first connection of the process
 * the loading of Micrometer's classes, once. JFR's only when the flight recorder is already up
 * ({@code -XX:StartFlightRecording}); otherwise a {@link dev.leash.internal.jfr.RecorderGate} stands in
 * and registers Leash's events when a recording first starts, so a process that never records never pays
 * for them. The MBean only reads the registry's state when asked, so it misses nothing by starting later:
 * it is registered on a thread of its own, because the platform MBean server is slow to start on a cold
 * JVM.
 *
 * <p>Micrometer and {@code jdk.jfr} are optional: each is looked up without loading any class that
 * mentions it, and only then are those classes touched, so a class path without Micrometer never sees
 * a {@code NoClassDefFoundError}.
 */
final class Outputs {

  static final String MICROMETER_PROBE = "io.micrometer.core.instrument.Metrics";

  private static final CountDownLatch READY = new CountDownLatch(1);

  private Outputs() {}

  /** Installs the meters and JFR events {@code config} enables now, and starts the MBean's registration. */
  static void install(LeaseRegistry registry, LeashConfig config) {
    if (config.metricsEnabled() && micrometerPresent()) {
      add(registry, "Micrometer meters", Outputs::micrometer);
    }
    if (config.jfrEnabled() && ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
      add(registry, "JFR events", Outputs::jfr);
    }
    if (config.jmxEnabled() && ModuleLayer.boot().findModule("java.management").isPresent()) {
      Thread t = new Thread(() -> registerMBean(registry), "leash-outputs");
      t.setDaemon(true);
      t.setContextClassLoader(null); // must not pin the application's loader
      t.start();
    } else {
      READY.countDown();
    }
  }

  private static void registerMBean(LeaseRegistry registry) {
    try {
      JmxExporter.register(registry);
    } catch (Throwable t) {
      LastResort.print("JMX MBean unavailable, continuing without it (reported once): " + t);
    } finally {
      READY.countDown();
    }
  }

  private static void add(LeaseRegistry registry, String what, Supplier<LeashListener> factory) {
    try {
      registry.listeners().add(factory.get());
    } catch (Throwable t) {
      LastResort.print(what + " unavailable, continuing without them (reported once): " + t);
    }
  }

  /** An application's undeploy: lets go of what the JVM would keep for it (the MBean). Never throws. */
  static void undeploy() {
    if (ModuleLayer.boot().findModule("java.management").isPresent()) {
      JmxExporter.unregister();
    }
  }

  /** Waits until the outputs have started, the MBean included (for tests and tools); false on timeout. */
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
    return dev.leash.internal.metrics.MetricsListener.installGlobal();
  }

  private static LeashListener jfr() {
    return dev.leash.internal.jfr.RecorderGate.create();
  }
}
