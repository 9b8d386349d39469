package dev.leash.internal.jdbc;

/**
 * What the delegating JDBC wrappers tell lease tracking. One instance per wrapped connection; the
 * connection and every statement created from it share it.
 *
 * <p>Called on the application's thread, on the path of every JDBC call: implementations must be
 * cheap (no allocation, no clock read, no lock in the common case) and must never throw.
 */
public interface ConnectionHooks {

  /** Tracks nothing. */
  ConnectionHooks NONE = new ConnectionHooks() {};

  /**
   * Before any {@link java.sql.Connection} method that application code uses, except {@code close},
   * {@code abort}, {@code isClosed}, {@code clearWarnings}, {@code unwrap} and {@code isWrapperFor}.
   */
  default void onConnectionCall() {}

  /**
   * Before {@link java.sql.Connection#clearWarnings()} is delegated. Pools call it on every return
   * of a physical connection, which is how borrow-level leases are recognised in URL mode.
   */
  default void onClearWarnings() {}

  /** Before a statement's {@code execute*} method is delegated. Always paired with {@link #onExecuteEnd()}. */
  default void onExecuteStart() {}

  /** After a statement's {@code execute*} method returned or threw. */
  default void onExecuteEnd() {}

  /**
   * When {@link java.sql.Connection#close()} is called, before it is delegated: the application has
   * given the connection back, so the lease ends, whether or not the driver's close then succeeds.
   */
  default void onClose() {}

  /** When {@link java.sql.Connection#abort(java.util.concurrent.Executor)} is called, before it is delegated. */
  default void onAbort() {}
}
