package dev.leash.internal.util;

import java.util.List;

/** Lists of {@code Class.method} names, matched against stack frames without building a string per frame. */
public final class MethodNames {

  private MethodNames() {}

  /** True if {@code className.methodName} is one of {@code names}. */
  public static boolean contains(List<String> names, String className, String methodName) {
    for (String m : names) {
      if (m.length() == className.length() + 1 + methodName.length() && m.startsWith(className)
          && m.charAt(className.length()) == '.' && m.endsWith(methodName)) {
        return true;
      }
    }
    return false;
  }
}
