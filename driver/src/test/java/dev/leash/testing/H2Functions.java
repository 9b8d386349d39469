package dev.leash.testing;

/**
 * Java functions for H2's {@code CREATE ALIAS}, which needs a public static method.
 *
 * <p>{@code Thread.sleep} itself cannot be aliased: from JDK 19 on it has two one-argument overloads,
 * which H2 refuses as ambiguous.
 */
public final class H2Functions {

  private H2Functions() {}

  /** Sleeps for {@code millis} milliseconds: H2's stand-in for PostgreSQL's {@code pg_sleep}. */
  public static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
