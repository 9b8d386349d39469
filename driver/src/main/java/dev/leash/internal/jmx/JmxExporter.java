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

  /** Registers the MBean for {@code registry}; true when it is now registered. Never throws. */
  public static boolean register(LeaseRegistry registry) {
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(new JmxExporter(registry), new ObjectName(OBJECT_NAME));
      return true;
    } catch (JMException | RuntimeException | LinkageError e) {
      LastResort.print("could not register the JMX MBean " + OBJECT_NAME + " (reported once): " + e);
      return false;
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
