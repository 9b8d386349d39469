package dev.leash.internal.jmx;

import dev.leash.internal.track.HolderGroups;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.util.LastResort;
import dev.leash.jmx.LeashMXBean;
import dev.leash.report.ReportText;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Registers {@link LeashMXBean} over the process-wide lease registry. Called once, at the first
 * connection (never from an agent's {@code premain}: the platform MBean server must not start before
 * the application configured logging and JMX). A failure, such as a second copy of Leash in another
 * class loader having registered the name first, is reported once on stderr and otherwise ignored.
 */
public final class JmxExporter implements LeashMXBean {

  private final LeaseRegistry registry;

  private JmxExporter(LeaseRegistry registry) {
    this.registry = registry;
  }

  /** The MBean this copy of Leash registered, until {@link #unregister()}; null before and after. */
  private static JmxExporter registered;
  /** {@link #unregister()} was called: a registration still on its way is undone as soon as it is made. */
  private static boolean undeployed;

  /** Registers the MBean for {@code registry}; true when it is now registered. Never throws. */
  public static boolean register(LeaseRegistry registry) {
    try {
      JmxExporter mine = new JmxExporter(registry);
      ManagementFactory.getPlatformMBeanServer().registerMBean(mine, new ObjectName(OBJECT_NAME));
      synchronized (JmxExporter.class) {
        registered = mine;
        if (!undeployed) {
          return true;
        }
      }
      unregister(); // the application was undeployed while the MBean server started
      return false;
    } catch (JMException | RuntimeException | LinkageError e) {
      LastResort.print("could not register the JMX MBean " + OBJECT_NAME + " (reported once): " + e);
      return false;
    }
  }

  /**
   * Unregisters the MBean if this copy of Leash registered it: at a web application's undeploy
   * ({@code LeashDriver.deregister()}). The platform MBean server holds its MBeans strongly and outlives every
   * application, so the first deployment's MBean kept that deployment's class loader, and every class it loaded,
   * reachable for the life of the JVM (and later deployments could not register theirs: the name was taken).
   * Never throws.
   */
  public static void unregister() {
    JmxExporter mine;
    synchronized (JmxExporter.class) {
      undeployed = true;
      mine = registered;
      registered = null;
    }
    if (mine == null) {
      return;
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
    } catch (JMException | RuntimeException | LinkageError e) {
      LastResort.print("could not unregister the JMX MBean " + OBJECT_NAME + ": " + e);
    }
  }

  @Override
  public int getOpenLeases() {
    return registry.openCount();
  }

  @Override
  public long getSuspectedLeaks() {
    return registry.suspectedCount();
  }

  @Override
  public long getConfirmedLeaks() {
    return registry.confirmedCount();
  }

  @Override
  public String dump() {
    return ReportText.holdersByPool(HolderGroups.byPool(registry.openLeases(), registry.trackedPools(), registry.clock().nanoTime()),
        registry.droppedLeases());
  }
}
