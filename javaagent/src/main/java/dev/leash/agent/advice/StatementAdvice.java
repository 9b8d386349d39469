package dev.leash.agent.advice;

import dev.leash.agent.bootstrap.LeashHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code java.sql.Connection.createStatement/prepareStatement/prepareCall}
 * implementation: records which connection a statement belongs to, so that {@link ExecuteAdvice} finds the
 * lease without calling {@code Statement.getConnection()} on the application's object.
 */
public final class StatementAdvice {
  private StatementAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter() {
    return LeashHooks.createEnter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter boolean outermost, @Advice.This Object connection, @Advice.Return Object statement) {
    LeashHooks.createExit(outermost, connection, statement);
  }
}
