package dev.leash.examples;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * One shopper's visit as a traced web request: while it runs, its trace and span ids are in the logging
 * MDC, as the OpenTelemetry Java agent or Micrometer Tracing put them there. Leash copies them at each
 * acquisition ({@code leash.context.keys}), so a leak report names the request that leaked.
 */
final class TracedRequest {

  private TracedRequest() {}

  /** Starts a request on this thread with fresh W3C-style ids (32 and 16 hex digits); {@link #end()} it. */
  static String begin() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String traceId = String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong());
    MDC.put("trace_id", traceId);
    MDC.put("span_id", String.format(Locale.ROOT, "%016x", r.nextLong()));
    return traceId;
  }

  static void end() {
    MDC.remove("trace_id");
    MDC.remove("span_id");
  }
}
