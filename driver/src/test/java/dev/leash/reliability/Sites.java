package dev.leash.reliability;

import java.util.function.Supplier;

/** Three distinct call sites outside Leash's packages, for tests that need distinct acquisition sites. */
public final class Sites {
  private Sites() {}

  public static <T> T siteA(Supplier<T> call) {
    return call.get();
  }

  public static <T> T siteB(Supplier<T> call) {
    return call.get();
  }

  public static <T> T siteC(Supplier<T> call) {
    return call.get();
  }
}
