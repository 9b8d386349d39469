package dev.leash.benchmarks.app;

import dev.leash.benchmarks.framework.BorrowHook;
import dev.leash.benchmarks.framework.FakeTransactionTemplate;

/**
 * One of four "application" classes that call each other in a ring, so a deep benchmark stack looks
 * like a real one: distinct classes and methods, not one method repeated.
 */
public final class OrderRepository {

  private OrderRepository() {}

  /** Adds {@code depth} application frames (this one included), then borrows a connection. */
  public static Object save(int depth, BorrowHook hook) {
    if (depth <= 1) {
      return FakeTransactionTemplate.execute(hook);
    }
    return ShopController.handle(depth - 1, hook);
  }
}
