package dev.leash.internal;

import dev.leash.config.LeashConfig;
import dev.leash.event.StartedEvent;
import dev.leash.internal.jdbc.SharedPools;
import dev.leash.internal.jdbc.TrackingMode;
import dev.leash.internal.jdbc.TrackingRuntime;
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
 * {@link Reporters}) and the optional {@link Outputs} (meters, JFR, JMX). The one place that creates the
 * runtime: the entry points ({@code LeashDriver}, {@code LeashDataSource}, the agent's delegate) ask for it once
 * ({@link #get()}) and hand it down to what they create; the wrappers never look it up.
 *
 * <p>The registry is created on first use (a {@code LeashDataSource.wrap}, the first tracked connection, an
 * ambient configuration problem to report), never in a static initialiser of a class the application loads
 * early, and never by the agent's {@code premain}: {@link #get()} itself creates nothing but a small handle.
 */
public final class LeashRuntime {

  private static final TrackingRuntime PROCESS = new Process();

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

  /** Read when first asked: {@code LeashDriver} asks for the runtime while {@code DriverManager} loads drivers. */
  private static final class Version {
    static final String VALUE = readVersion();
  }

  /** The process's runtime, for an entry point to hand down. Creates nothing (the registry comes with its first use). */
  public static TrackingRuntime get() {
    return PROCESS;
  }

  /** The shared registry, for the entry points that are not wrappers ({@code Leash.addListener}, the agent's dump). */
  public static LeaseRegistry registry() {
    return Holder.REGISTRY;
  }

  /** Whether the shared registry exists yet (see {@link TrackingRuntime#created()}). */
  public static boolean created() {
    return created;
  }

  /** Leash's version, from the build. */
  public static String version() {
    return Version.VALUE;
  }

  /** The runtime handed down; one per process (per class loader that loaded Leash). */
  private static final class Process implements TrackingRuntime {
    private final TrackingMode mode = new TrackingMode();
    private final SharedPools pools = new SharedPools(this);

    @Override
    public LeaseRegistry registry() {
      return Holder.REGISTRY;
    }

    @Override
    public boolean created() {
      return created;
    }

    @Override
    public void started(String mode, LeashConfig config) {
      if (!started) {
        startOnce(mode, config);
      }
    }

    @Override
    public TrackingMode mode() {
      return mode;
    }

    @Override
    public SharedPools pools() {
      return pools;
    }
  }

  private static volatile boolean started;
  /** True while this class installs the outputs: a call back into {@code started} from there must not start them twice. */
  private static boolean starting;

  /**
   * Emits {@code leash.started} once per process, with the first configuration seen, and installs the
   * outputs that configuration enables (meters and JFR events before this returns, so the lease about to
   * begin is counted; the JMX MBean on its own thread). Other threads that arrive during the first call wait
   * for it, so their leases are counted too.
   */
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
      r.reportStartedOnce(new StartedEvent(mode, version(), config.describe()));
    } finally {
      starting = false;
      started = true;
    }
  }

  /**
   * A web application using this copy of Leash is being undeployed ({@code LeashDriver.deregister()}): lets go
   * of what the JVM itself would keep for it (the JMX MBean). Leash's own threads stop by themselves when idle.
   */
  public static void undeploy() {
    Outputs.undeploy();
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
