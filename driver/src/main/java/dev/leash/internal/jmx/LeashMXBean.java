package dev.leash.internal.jmx;

/**
 * The JMX view of Leash, registered as {@code dev.leash:type=Leash} in the platform MBean server at
 * the first connection Leash tracks (unless {@code leash.jmx=false}). Read by JConsole, VisualVM, JMX
 * exporters, and {@code leash-agent.jar dump <pid>}.
 */
public interface LeashMXBean {

  /** Leases open right now, across every pool and data source of the process. */
  int getOpenLeases();

  /** Leases reported as suspected leaks since the start ({@code connection.leak.suspected}). */
  long getSuspectedLeaks();

  /** Connections garbage-collected without close() since the start ({@code connection.leak.confirmed}). */
  long getConfirmedLeaks();

  /** The holders report of every open lease: grouped by path (by site where a site has one caller), most first, with stacks. */
  String dump();
}
