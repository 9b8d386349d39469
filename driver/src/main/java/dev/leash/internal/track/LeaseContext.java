package dev.leash.internal.track;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The request a lease belongs to: the values of the {@code leash.context.keys} MDC keys, copied on the
 * acquiring thread when the lease starts. Only those keys are read, one look-up each; nothing else of
 * the MDC. With no value present nothing is allocated, so an empty MDC costs a few thread-local reads.
 */
public final class LeaseContext {

  /** Values longer than this are cut: a context value is an id, and every report repeats it. */
  public static final int MAX_VALUE_LENGTH = 128;

  private LeaseContext() {}

  /**
   * The values of {@code keys} in {@code mdc} (a key → value reader of the application's MDC), aligned
   * with {@code keys}; null when none is present or there is no MDC. Never throws. Public for the
   * benchmarks only.
   */
  public static String[] capture(String[] keys, UnaryOperator<String> mdc) {
    if (keys.length == 0 || mdc == null) {
      return null;
    }
    String[] values = null;
    try {
      for (int i = 0; i < keys.length; i++) {
        String v = mdc.apply(keys[i]);
        if (v != null) {
          if (values == null) {
            values = new String[keys.length];
          }
          values[i] = v.length() > MAX_VALUE_LENGTH ? v.substring(0, MAX_VALUE_LENGTH) : v;
        }
      }
    } catch (Throwable t) {
      // An MDC adapter that fails must not fail the application's getConnection().
      return values;
    }
    return values;
  }

  /** Key → value for the present values, in the order of {@code keys}; empty when {@code values} is null. */
  static Map<String, String> asMap(String[] keys, String[] values) {
    if (values == null) {
      return Collections.emptyMap();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != null) {
        out.put(keys[i], values[i]);
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
