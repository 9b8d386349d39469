package dev.leash.it;

import org.slf4j.MDC;

/**
 * What a web application's tracing filter does around each request (the OpenTelemetry Java agent's
 * logback MDC instrumentation, Micrometer Tracing's, a servlet filter setting a request id): the ids
 * are in the MDC while the request runs, and removed when it ends, whatever happened inside.
 */
final class TracingFilter {

  /** The request's work: a controller call. */
  interface Chain<T> {
    T proceed() throws Exception;
  }

  private TracingFilter() {}

  static <T> T doFilter(String traceId, String spanId, String user, Chain<T> chain) throws Exception {
    MDC.put("trace_id", traceId);
    MDC.put("span_id", spanId);
    MDC.put("user", user); // in the MDC, but not one of leash.context.keys: never copied
    try {
      return chain.proceed();
    } finally {
      MDC.remove("trace_id");
      MDC.remove("span_id");
      MDC.remove("user");
    }
  }
}
