package dev.leash.internal;

import dev.leash.config.LeashConfig;
import dev.leash.event.StartedEvent;
import dev.leash.internal.track.Clock;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.util.LastResort;
import dev.leash.report.Reporters;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The process-wide wiring: one lease registry shared by the driver, every wrapped data source and
 * the agent, with the reporter attached (the application's SLF4J, or stderr without it; see
 * {@link Reporters}) and the optional {@link Outputs} (meters, JFR, JMX). Created on first use (a
 * {@code LeashDataSource.wrap}, the first tracked connection, an ambient configuration problem to
 * report), never in a static initialiser of a class the application loads early, and never by the
 * agent's {@code premain}.
 */
public final class LeashRuntime {

  private static final String VERSION = readVersion();

  private static volatile boolean created;

  private LeashRuntime() {}

  private static final class Holder {
    static final LeaseRegistry REGISTRY = create();

    private static LeaseRegistry create() {
      LeaseRegistry registry = new LeaseRegistry(Clock.SYSTEM, true);
      try {
        // Log calls that arise on application threads go to the registry's reporting thread.
        registry.listeners().add(Reporters.create(registry::dispatch));
      } catch (Throwable t) {
        // No usable reporter at all: tracking still works and listeners can still attach.
        LastResort.print("reporting unavailable, leak reports go to listeners only: " + t);
      }
      // The request context of each lease (leash.context.keys) is read from the same SLF4J's MDC.
      registry.contextSource(Reporters.mdc());
      created = true;
      return registry;
    }
  }

  /** The shared registry. */
  public static LeaseRegistry registry() {
    return Holder.REGISTRY;
  }

  /**
   * Whether the shared registry exists yet. Before it does, no lease can be open, so the agent's
   * close/execute hooks (which run for every connection in the process) return at once instead of
   * creating it, and its logging, on some pool's housekeeping thread.
   */
  public static boolean created() {
    return created;
  }

  /** Leash's version, from the build. */
  public static String version() {
    return VERSION;
  }

  private static volatile boolean started;
  /** True while this class installs the outputs: a call back into {@link #started} from there must not start them twice. */
  private static boolean starting;

  /**
   * Emits {@code leash.started} once per process, with the first configuration seen, and installs the
   * outputs that configuration enables (meters and JFR events before this returns, so the lease about to
   * begin is counted; the JMX MBean on its own thread). Called before every lease begins; after the
   * first call, one volatile read. Other threads that arrive during the first call wait for it, so
   * their leases are counted too.
   */
  public static void started(String mode, LeashConfig config) {
    if (!started) {
      startOnce(mode, config);
    }
  }

  private static synchronized void startOnce(String mode, LeashConfig config) {
    if (started || starting) {
      return;
    }
    starting = true;
    try {
      LeaseRegistry r = registry();
      try {
        Outputs.install(r, config);
      } catch (Throwable t) {
        LastResort.print("JMX, metrics and JFR unavailable (reported once): " + t);
      }
      r.reportStartedOnce(new StartedEvent(mode, VERSION, config.describe()));
    } finally {
      starting = false;
      started = true;
    }
  }

  /**
   * Waits until the outputs enabled by the first configuration have started: meters and JFR events are
   * installed with {@code leash.started}, the JMX MBean on its own thread right after. For tests and tools.
   *
   * @return false if they did not start within the timeout (or nothing triggered them yet)
   */
  public static boolean awaitOutputs(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
    return Outputs.await(timeout, unit);
  }

  private static String readVersion() {
    try (InputStream in = LeashRuntime.class.getResourceAsStream("/dev/leash/leash-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through: a missing version must not stop anything
    }
    return "unknown";
  }
}
