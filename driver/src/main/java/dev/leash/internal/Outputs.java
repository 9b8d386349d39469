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
 * <p>Meters are installed right there, on the calling thread, before the first lease begins: they count
 * every lease, so the burst an application makes while it starts (migrations, warm-up) must be in them from
 * its first connection. That costs the first connection of the process the loading of Micrometer's classes,
 * once. JFR events likewise when the flight recorder is already up ({@code -XX:StartFlightRecording}); when
 * it is not, no recording can want them yet, and the JFR listener is installed when the recorder starts
 * ({@link dev.leash.internal.jfr.RecorderWatch}): a process that never records never pays JFR's start.
 * The MBean only reads the registry's state when asked, so it misses nothing by starting later. Both of
 * those are set up on a daemon thread of Leash's own, because the platform MBean server is slow to start on
 * a cold JVM and the first connection is the application's.
 *
 * <p>Micrometer and {@code jdk.jfr} are optional: each is looked up without loading any class that
 * mentions it, and only then are those classes touched, so a class path without Micrometer never sees
 * a {@code NoClassDefFoundError}.
 */
final class Outputs {

  static final String MICROMETER_PROBE = "io.micrometer.core.instrument.Metrics";

  private static final CountDownLatch READY = new CountDownLatch(1);

  private Outputs() {}

  /**
   * Installs the meters {@code config} enables now (and the JFR events, when the recorder is up), and starts
   * the MBean's registration and the wait for the recorder on the outputs thread.
   */
  static void install(LeaseRegistry registry, LeashConfig config) {
    if (config.metricsEnabled() && micrometerPresent()) {
      add(registry, "Micrometer meters", Outputs::micrometer);
    }
    boolean watchJfr = false;
    if (config.jfrEnabled() && ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
      if (recorderUp()) {
        add(registry, "JFR events", Outputs::jfr);
      } else {
        watchJfr = true;
      }
    }
    boolean jmx = config.jmxEnabled() && ModuleLayer.boot().findModule("java.management").isPresent();
    if (!watchJfr && !jmx) {
      READY.countDown();
      return;
    }
    boolean jfrLater = watchJfr;
    Thread t = new Thread(() -> startLater(registry, jfrLater, jmx), "leash-outputs");
    t.setDaemon(true);
    t.setContextClassLoader(null); // must not pin the application's loader
    t.start();
  }

  private static void startLater(LeaseRegistry registry, boolean watchJfr, boolean jmx) {
    try {
      if (watchJfr) {
        watchRecorder(registry);
      }
      if (jmx) {
        registerMBean(registry);
      }
    } finally {
      READY.countDown();
    }
  }

  private static void registerMBean(LeaseRegistry registry) {
    try {
      JmxExporter.register(registry);
    } catch (Throwable t) {
      LastResort.print("JMX MBean unavailable, continuing without it (reported once): " + t);
    }
  }

  private static void watchRecorder(LeaseRegistry registry) {
    try {
      dev.leash.internal.jfr.RecorderWatch.whenRecorderUp(() -> add(registry, "JFR events", Outputs::jfr));
    } catch (Throwable t) {
      LastResort.print("JFR events unavailable, continuing without them (reported once): " + t);
    }
  }

  private static void add(LeaseRegistry registry, String what, Supplier<LeashListener> factory) {
    try {
      registry.listeners().add(factory.get());
    } catch (Throwable t) {
      LastResort.print(what + " unavailable, continuing without them (reported once): " + t);
    }
  }

  /**
   * Waits until the outputs have started, the MBean included, and the JFR events are installed or will be
   * when the recorder starts (for tests and tools); false on timeout.
   */
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

  private static boolean recorderUp() {
    return dev.leash.internal.jfr.RecorderWatch.recorderUp();
  }

  private static LeashListener jfr() {
    return new dev.leash.internal.jfr.JfrListener();
  }
}
