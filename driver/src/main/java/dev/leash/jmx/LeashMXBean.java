package dev.leash.jmx;

/**
 * The JMX view of Leash, registered as {@code dev.leash:type=Leash} in the platform MBean server at
 * the first connection Leash tracks (unless {@code leash.jmx=false}). Read by JConsole, VisualVM, JMX
 * exporters, and {@code leash-agent.jar dump <pid>}. Part of Leash's public API: a client can read it
 * with {@code JMX.newMXBeanProxy(connection, new ObjectName(LeashMXBean.OBJECT_NAME), LeashMXBean.class)}.
 */
public interface LeashMXBean {

  /** The name Leash registers it under: {@value}. */
  String OBJECT_NAME = "dev.leash:type=Leash";

  /** Leases open right now, across every pool and data source of the process. */
  int getOpenLeases();

  /** Leases reported as suspected leaks since the start ({@code connection.leak.suspected}). */
  long getSuspectedLeaks();

  /** Connections garbage-collected without close() since the start ({@code connection.leak.confirmed}). */
  long getConfirmedLeaks();

  /** The holders report of every open lease: grouped by path (by site where a site has one caller), most first, with stacks. */
  String dump();
}
