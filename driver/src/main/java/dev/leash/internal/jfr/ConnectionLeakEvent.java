package dev.leash.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code leash.ConnectionLeak}: a lease suspected leaked (held idle past the threshold) or confirmed (collected unclosed). */
@Name("leash.ConnectionLeak")
@Label("Connection Leak")
@Category({"Leash", "JDBC"})
@Description("A JDBC connection held idle past leash.leak.threshold, or garbage-collected without close()")
@StackTrace(false)
final class ConnectionLeakEvent extends jdk.jfr.Event {

  @Label("Kind")
  @Description("suspected or confirmed")
  String kind;

  @Label("Pool")
  String pool;

  @Label("Site")
  @Description("The first application frame of the acquisition")
  String site;

  @Label("Path")
  @Description("The site and the caller that tells its paths apart, Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88); null when the site has one caller")
  String path;

  @Label("Acquiring Thread")
  String thread;

  @Label("Held Time")
  @Timespan(Timespan.MILLISECONDS)
  long heldTime;

  @Label("Idle Time")
  @Timespan(Timespan.MILLISECONDS)
  long idleTime;

  @Label("Acquisition Stack")
  String stack;

  @Label("Lease Id")
  long leaseId;

  @Label("Request Context")
  @Description("The leash.context.keys MDC values at acquisition, such as trace_id=4bf92f35... span_id=00f067aa...")
  String context;
}
