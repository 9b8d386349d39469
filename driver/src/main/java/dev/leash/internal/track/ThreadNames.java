package dev.leash.internal.track;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * How a report names a thread: by its name, or, for a thread without one (every virtual thread made by
 * {@code Thread.ofVirtual()} or an executor's thread factory without names), {@code virtual#<id>} or
 * {@code thread#<id>}, so that no report says {@code thread=""}. Leash is compiled for Java 11, so
 * whether a thread is virtual is asked through a method handle found once.
 */
public final class ThreadNames {

  /** {@code Thread.isVirtual()} on JDK 21+, else null. */
  private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

  private ThreadNames() {}

  /** The name a report gives {@code t}. Never empty, never throws. */
  public static String of(Thread t) {
    String name = t.getName();
    if (name != null && !name.isEmpty()) {
      return name;
    }
    return (isVirtual(t) ? "virtual#" : "thread#") + id(t);
  }

  /** The name a report gives a thread known by a thread dump's name and id (platform threads only). */
  static String of(String name, long id) {
    return name != null && !name.isEmpty() ? name : "thread#" + id;
  }

  /** True for a virtual thread (JDK 21+); false on a JDK without them. */
  public static boolean isVirtual(Thread t) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(t);
    } catch (Throwable e) {
      return false;
    }
  }

  @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number on every JDK.
  private static long id(Thread t) {
    return t.getId();
  }

  private static MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
