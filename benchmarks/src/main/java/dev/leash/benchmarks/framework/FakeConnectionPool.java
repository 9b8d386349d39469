package dev.leash.benchmarks.framework;

/** Plays HikariCP's {@code HikariDataSource.getConnection()} → {@code HikariPool.getConnection()}. */
public final class FakeConnectionPool {

  private FakeConnectionPool() {}

  static Object getConnection(BorrowHook hook) {
    return borrow(hook);
  }

  private static Object borrow(BorrowHook hook) {
    return hook.onBorrow();
  }
}
