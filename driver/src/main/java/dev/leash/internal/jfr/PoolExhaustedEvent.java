package dev.leash.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code leash.PoolExhausted}: a pool ran dry, with Leash's diagnosis. */
@Name("leash.PoolExhausted")
@Label("Pool Exhausted")
@Category({"Leash", "JDBC"})
@Description("A getConnection() timed out or waited with every connection in use")
@StackTrace(false)
final class PoolExhaustedEvent extends jdk.jfr.Event {

  @Label("Pool")
  String pool;

  @Label("In Use")
  int inUse;

  @Label("Max")
  @Description("The pool's maximum size, -1 when the pool does not say")
  int max;

  @Label("Waiting")
  int waiting;

  @Label("Diagnosis")
  @Description("leak, pool_too_small, slow_queries, database_unavailable or nested_acquisition")
  String diagnosis;

  @Label("Diagnosis Text")
  String diagnosisText;

  @Label("Wait Time")
  @Timespan(Timespan.MILLISECONDS)
  long waitTime;

  @Label("Site")
  @Description("Where the waiting thread asked for a connection")
  String site;

  @Label("Path")
  @Description("The site and the caller that tells its paths apart, Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88); null when the site has one caller")
  String path;

  @Label("Holders")
  String holders;
}
