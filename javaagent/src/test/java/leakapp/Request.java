package leakapp;

import org.slf4j.MDC;

/**
 * One web request's tracing scope, the way the OpenTelemetry Java agent or Micrometer Tracing put a
 * request's ids in the logging MDC while it runs ({@code try (Request r = Request.begin(...)) {...}}).
 */
public final class Request implements AutoCloseable {

  /** The request that leaks, in every program that uses this. */
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String SPAN_ID = "00f067aa0ba902b7";

  private Request() {}

  public static Request begin(String traceId, String spanId) {
    MDC.put("trace_id", traceId);
    MDC.put("span_id", spanId);
    return new Request();
  }

  @Override
  public void close() {
    MDC.remove("trace_id");
    MDC.remove("span_id");
  }
}
