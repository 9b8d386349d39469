package dev.leash.report;

import java.util.function.UnaryOperator;
import org.slf4j.MDC;

/**
 * Reads one key of the application's SLF4J MDC on the calling thread. Lives in the report package so
 * that, with the Java agent, it is defined beside the reporter against the application's SLF4J (see
 * {@link Reporters}) and reads the MDC the application writes.
 */
final class MdcReader implements UnaryOperator<String> {

  @Override
  public String apply(String key) {
    return MDC.get(key);
  }
}
