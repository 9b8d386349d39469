package dev.leash.benchmarks.app;

import dev.leash.benchmarks.framework.BorrowHook;
import dev.leash.benchmarks.framework.FakeTransactionTemplate;

/**
 * One of four "application" classes that call each other in a ring, so a deep benchmark stack looks
 * like a real one: distinct classes and methods, not one method repeated.
 */
public final class OrderService {

  private OrderService() {}

  /** Adds {@code depth} application frames (this one included), then borrows a connection. */
  public static Object placeOrder(int depth, BorrowHook hook) {
    if (depth <= 1) {
      return FakeTransactionTemplate.execute(hook);
    }
    return OrderRepository.save(depth - 1, hook);
  }
}
