package dev.leash.agent.advice;

import dev.leash.agent.bootstrap.LeashHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into every {@code javax.sql.DataSource.getConnection(..)} implementation. */
public final class DataSourceAdvice {
  private DataSourceAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter(@Advice.This Object dataSource) {
    return LeashHooks.dataSourceEnter(dataSource);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter boolean outermost, @Advice.This Object dataSource, @Advice.Return Object connection,
      @Advice.Thrown Throwable thrown) {
    LeashHooks.dataSourceExit(outermost, dataSource, connection, thrown);
  }
}
