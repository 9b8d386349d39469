package dev.leash.agent.advice;

import dev.leash.agent.bootstrap.LeashHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into every {@code java.sql.Connection.close()} and {@code abort(Executor)} implementation. */
public final class CloseAdvice {
  private CloseAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter(@Advice.This Object connection) {
    return LeashHooks.closeEnter(connection);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter boolean outermost) {
    LeashHooks.closeExit(outermost);
  }
}
