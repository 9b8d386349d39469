package dev.leash.benchmarks.framework;

/**
 * What the fake pool does when application code borrows a connection: in the benchmark, a stack
 * capture strategy. Called once per borrow, on the borrowing thread.
 */
public interface BorrowHook {

  /** Returns whatever the strategy captured; the benchmark consumes it. */
  Object onBorrow();
}
