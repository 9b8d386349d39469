package dev.leash.internal.util;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The report-once guard: a failure Leash survives is said the first time and then only counted or
 * ignored, so a broken logging backend or a failing listener cannot flood the output it broke. Thread-safe;
 * after the first call, one volatile read.
 */
public final class Once {

  private final AtomicBoolean done = new AtomicBoolean();

  /** True for the first caller only. */
  public boolean first() {
    return !done.get() && done.compareAndSet(false, true);
  }

  /** {@link LastResort#print prints} {@code message} the first time only. */
  public void print(String message) {
    if (first()) {
      LastResort.print(message);
    }
  }
}
