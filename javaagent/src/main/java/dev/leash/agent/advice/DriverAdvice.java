package dev.leash.agent.advice;

import dev.leash.agent.bootstrap.LeashHooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code java.sql.Driver.connect(String, Properties)} implementation, which is
 * what {@code DriverManager.getConnection} calls, so the JDK's own {@code DriverManager} (a platform
 * class) is left alone.
 */
public final class DriverAdvice {
  private DriverAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean enter() {
    return LeashHooks.acquireEnter();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(@Advice.Enter boolean outermost, @Advice.Argument(0) String url, @Advice.Return Object connection) {
    LeashHooks.driverExit(outermost, connection, url);
  }
}
