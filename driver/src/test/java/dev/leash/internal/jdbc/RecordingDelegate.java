package dev.leash.internal.jdbc;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A stand-in for a driver's JDBC object that appends the signature of every call to a shared log
 * and answers default values. Tests only: the wrappers under test never use reflection.
 */
final class RecordingDelegate {

  /** Return types for which a driver hands out objects that the wrappers must wrap. */
  static final Set<Class<?>> WRAPPED_TYPES =
      Set.of(
          Connection.class,
          Statement.class,
          PreparedStatement.class,
          CallableStatement.class,
          ResultSet.class,
          DatabaseMetaData.class);

  private RecordingDelegate() {}

  /** A delegate that records into {@code log} and never throws. */
  static <T> T create(Class<T> type, List<String> log) {
    return create(type, log, method -> false, null);
  }

  /** A delegate that records into {@code log} and throws {@code failure} from matching methods. */
  static <T> T create(
      Class<T> type, List<String> log, Predicate<Method> throwsFrom, Exception failure) {
    Object proxy =
        Proxy.newProxyInstance(
            RecordingDelegate.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return objectMethod(self, method, args, type);
              }
              log.add(signature(method));
              if (throwsFrom.test(method)) {
                throw failure;
              }
              return answer(method.getReturnType());
            });
    return type.cast(proxy);
  }

  /** {@code name(ParamType,...)}: identifies a method across the interfaces that declare it. */
  static String signature(Method method) {
    return method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(",", "(", ")"));
  }

  /** The instance methods of {@code type}, inherited ones included, once per signature. */
  static List<Method> instanceMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Arrays.stream(type.getMethods())
        .filter(method -> !Modifier.isStatic(method.getModifiers()))
        .sorted((a, b) -> signature(a).compareTo(signature(b)))
        .forEach(
            method -> {
              if (seen.add(signature(method))) {
                methods.add(method);
              }
            });
    return methods;
  }

  /**
   * Arguments for {@code method}: zero for primitives, {@code "x"} for strings, a class no wrapper
   * implements for {@code Class} parameters, null for the rest (the delegate ignores them).
   */
  static Object[] arguments(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i].isPrimitive()) {
        arguments[i] = Array.get(Array.newInstance(types[i], 1), 0);
      } else if (types[i] == Class.class) {
        // Not implemented by any wrapper, so unwrap and isWrapperFor must ask the delegate.
        arguments[i] = Runnable.class;
      } else if (types[i] == String.class) {
        arguments[i] = "x";
      }
    }
    return arguments;
  }

  /**
   * What the delegate answers for a method returning {@code returnType}: a fresh delegate for the
   * types the wrappers wrap, otherwise a value no wrapper would make up by itself (not zero, not
   * false), so that a test can tell a passed-through answer from an invented one.
   */
  static Object answer(Class<?> returnType) {
    if (WRAPPED_TYPES.contains(returnType)) {
      // Its own log: what the wrapper does with a returned object is not a call on the delegate.
      return create(returnType, new ArrayList<>());
    }
    if (returnType == boolean.class) {
      return true;
    }
    if (returnType == char.class) {
      return 'x';
    }
    // Every numeric JDBC return type is wide enough for 7.
    if (returnType == int.class) {
      return 7;
    }
    if (returnType == long.class) {
      return 7L;
    }
    if (returnType == short.class) {
      return (short) 7;
    }
    if (returnType == byte.class) {
      return (byte) 7;
    }
    if (returnType == float.class) {
      return 7f;
    }
    if (returnType == double.class) {
      return 7d;
    }
    if (returnType == String.class) {
      return "answer";
    }
    return null;
  }

  private static Object objectMethod(Object self, Method method, Object[] args, Class<?> type) {
    switch (method.getName()) {
      case "equals":
        return self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      default:
        return "RecordingDelegate[" + type.getSimpleName() + "]";
    }
  }
}
