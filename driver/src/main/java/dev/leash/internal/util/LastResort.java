package dev.leash.internal.util;

/**
 * Leash's voice of last resort: one line on stderr, starting with {@code leash: } so it can be found in
 * any console. For what must be seen when Leash's own reporting cannot be used: before logging is up (the
 * agent's {@code premain}), when the reporter itself failed, or a failure inside Leash that it survives.
 * Everything that can go through the reporter (SLF4J, or its stderr fallback) goes there instead.
 *
 * <p>{@code System.err} is read at every call, never kept: applications and tests replace it.
 */
public final class LastResort {

  private LastResort() {}

  /** Prints {@code "leash: " + message} on stderr. Never throws. */
  public static void print(String message) {
    try {
      System.err.println("leash: " + message);
    } catch (Throwable ignored) {
      // Nowhere left to say it.
    }
  }
}
