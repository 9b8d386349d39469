package dev.leash.benchmarks.framework;

/**
 * Plays Spring's {@code TransactionTemplate}: the frames between application code and the pool.
 * Its package is on the benchmark's exclusion list, so the site selector must look past it.
 */
public final class FakeTransactionTemplate {

  private FakeTransactionTemplate() {}

  public static Object execute(BorrowHook hook) {
    return FakeTransactionManager.begin(hook);
  }

  static final class FakeTransactionManager {

    private FakeTransactionManager() {}

    static Object begin(BorrowHook hook) {
      return FakeConnectionPool.getConnection(hook);
    }
  }
}
