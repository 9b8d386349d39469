package dev.leash.agent.advice;

import dev.leash.agent.bootstrap.LeashHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code java.sql.Statement.execute*} implementation: while it runs, the lease of the
 * statement's connection is busy, so a long query is reported as held-busy, not as a leak.
 */
public final class ExecuteAdvice {
  private ExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(@Advice.This Object statement) {
    return LeashHooks.executeEnter(statement);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter Object token) {
    LeashHooks.executeExit(token);
  }
}
