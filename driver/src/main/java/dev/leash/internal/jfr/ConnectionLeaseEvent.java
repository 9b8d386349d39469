package dev.leash.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code leash.ConnectionLease}: one lease, from acquisition (start time) to close (duration = hold time).
 * One per connection borrow, so off unless a recording enables it ({@code leash.jfc} does); the rare
 * leak and exhaustion events are on in every recording.
 */
@Name("leash.ConnectionLease")
@Label("Connection Lease")
@Category({"Leash", "JDBC"})
@Description("A JDBC connection handed to application code, from getConnection() to close()")
@StackTrace(false)
@Enabled(false)
final class ConnectionLeaseEvent extends jdk.jfr.Event {

  @Label("Pool")
  String pool;

  @Label("Site")
  @Description("The first application frame of the acquisition")
  String site;

  @Label("Path")
  @Description("The site and the caller that tells its paths apart, Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88); null when the site has one caller")
  String path;

  @Label("Acquiring Thread")
  @Description("The name of the thread that took the connection")
  String thread;

  @Label("Lease Id")
  long leaseId;

  @Label("Request Context")
  @Description("The leash.context.keys MDC values at acquisition, such as trace_id=4bf92f35... span_id=00f067aa...")
  String context;
}
