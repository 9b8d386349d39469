package dev.leash.event;

import java.util.List;
import java.util.Map;

/**
 * A read-only view of one open or just-ended lease: a connection handed to application code and
 * not yet returned. Listeners receive it for {@code connection.acquired}/{@code connection.released};
 * it is live (fields such as {@link #busy()} change), so copy what you keep.
 */
public interface LeaseView {

  /** Process-unique, increasing id. */
  long id();

  /** Name of the pool or data source the connection came from; for plain driver connections, the masked URL. */
  String pool();

  /** The database URL, secrets masked. */
  String db();

  /** Name of the thread that took the connection, as it was then. */
  String threadName();

  /**
   * The first application frame of the acquisition, formatted {@code com.shop.Dao.load(Dao.java:57)};
   * a placeholder when stack capture is off ({@code leash.stack.depth=0}).
   */
  String site();

  /**
   * The helper path, {@code com.shop.Db.open(Db.java:31) <- com.shop.CheckoutService.place(CheckoutService.java:88)}:
   * the site and the first caller frame that tells this acquisition's path apart, when Leash has seen the site
   * reached from more than one caller; null otherwise.
   */
  default String path() {
    return null;
  }

  /** This acquisition's own bounded stack (leases share one only when all kept frames are equal); empty when capture is off. */
  List<StackTraceElement> stack();

  /** Wall-clock time of the acquisition, epoch milliseconds. */
  long startedAtMillis();

  /** True while a statement is executing on the connection. */
  boolean busy();

  /**
   * The request the lease belongs to: the values of the {@code leash.context.keys} MDC keys on the
   * acquiring thread when the connection was taken ({@code trace_id} → {@code 4bf92f35...}), in the
   * configured key order, values cut at 128 characters. Empty when none was set or context is off.
   */
  default Map<String, String> context() {
    return Map.of();
  }

  /**
   * The pool or data source this lease was taken from, for gauges; the same object for every lease of
   * one pool configuration. Null when not known.
   */
  default PoolView poolView() {
    return null;
  }
}
