package dev.leash.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails the build when a wrapper does not itself implement a JDBC method: a method missing from the
 * wrapper would otherwise fall through to the interface's default (which does not delegate, and
 * for JDBC 4.2+ methods usually throws {@code SQLFeatureNotSupportedException}) and silently bypass
 * the real driver. Runs against the java.sql of the JDK running the build, so a new JDBC version
 * shows up here first.
 */
class WrapperCompletenessTest {

  static Stream<Arguments> wrappers() {
    return Stream.of(
        Arguments.of(LeashConnection.class, Connection.class),
        Arguments.of(LeashStatement.class, Statement.class),
        Arguments.of(LeashPreparedStatement.class, PreparedStatement.class),
        Arguments.of(LeashCallableStatement.class, CallableStatement.class),
        Arguments.of(LeashResultSet.class, ResultSet.class),
        Arguments.of(LeashDatabaseMetaData.class, DatabaseMetaData.class));
  }

  @ParameterizedTest(name = "{0} implements every method of {1}")
  @MethodSource("wrappers")
  void implementsEveryInterfaceMethod(Class<?> wrapper, Class<?> jdbcInterface) {
    assertThat(jdbcInterface).isAssignableFrom(wrapper);
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Method method : jdbcInterface.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      checked++;
      Method implementation = implementation(wrapper, method);
      if (implementation == null) {
        missing.add(method.toGenericString());
      }
    }
    assertThat(missing).as("methods of %s not implemented by %s", jdbcInterface, wrapper).isEmpty();
    // Guards against the loop silently checking nothing.
    assertThat(checked).isGreaterThan(10);
  }

  @ParameterizedTest(name = "{0} implements unwrap and isWrapperFor itself")
  @MethodSource("wrappers")
  void implementsWrapperMethods(Class<?> wrapper, Class<?> jdbcInterface) {
    for (Method method : Wrapper.class.getMethods()) {
      assertThat(implementation(wrapper, method)).as(method.toGenericString()).isNotNull();
    }
  }

  @ParameterizedTest(name = "{0} is a public final class")
  @MethodSource("wrappers")
  void isPublicFinal(Class<?> wrapper, Class<?> jdbcInterface) {
    assertThat(Modifier.isFinal(wrapper.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(wrapper.getModifiers())).isTrue();
  }

  @ParameterizedTest(name = "{0} inherits only from its own package")
  @MethodSource("wrappers")
  void inheritsOnlyFromOwnPackage(Class<?> wrapper, Class<?> jdbcInterface) {
    for (Class<?> type = wrapper; type != Object.class; type = type.getSuperclass()) {
      assertThat(type.getPackageName()).isEqualTo(LeashConnection.class.getPackageName());
    }
  }

  /**
   * The concrete method that a call to {@code method} on an instance of {@code wrapper} runs, if
   * it is declared in a class of our package; null if it would be an interface default or missing.
   * Bridges are skipped: javac adds them to a public class for public methods it inherits from a
   * package-private one, and they only forward to the real implementation further up.
   */
  private static Method implementation(Class<?> wrapper, Method method) {
    for (Class<?> type = wrapper; type != null; type = type.getSuperclass()) {
      if (!type.getPackageName().equals(LeashConnection.class.getPackageName())) {
        return null;
      }
      for (Method candidate : type.getDeclaredMethods()) {
        if (!candidate.isBridge()
            && !candidate.isSynthetic()
            && candidate.getName().equals(method.getName())
            && Arrays.equals(candidate.getParameterTypes(), method.getParameterTypes())) {
          int modifiers = candidate.getModifiers();
          return Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers) ? candidate : null;
        }
      }
    }
    return null;
  }
}
