package dev.leash.internal.jdbc;

import static dev.leash.internal.jdbc.RecordingDelegate.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Calls every JDBC method of every wrapper against a recording delegate and checks, method by
 * method, that exactly that method reached the delegate, that the hooks fired as {@link
 * ConnectionHooks} promises and in the right order, and that returned JDBC objects come back
 * wrapped while everything else comes back as the driver answered it.
 */
class DelegationTest {

  private static final List<Class<?>> INTERFACES =
      List.of(
          Connection.class,
          Statement.class,
          PreparedStatement.class,
          CallableStatement.class,
          ResultSet.class,
          DatabaseMetaData.class);

  @TestFactory
  Stream<DynamicTest> everyMethodDelegatesAndCallsItsHooks() {
    return everyMethod(
        (jdbcInterface, method) -> {
          Fixture fixture = new Fixture(jdbcInterface, m -> false);
          Object result = fixture.invoke(method);
          assertThat(fixture.log).containsExactlyElementsOf(expectedLog(jdbcInterface, method));
          fixture.assertReturned(method, result);
        });
  }

  @TestFactory
  Stream<DynamicTest> everyMethodPassesExceptionsThroughAndStillCallsItsHooks() {
    return everyMethod(
        (jdbcInterface, method) -> {
          Exception failure = failureFor(method);
          Fixture fixture = new Fixture(jdbcInterface, m -> true, failure);
          assertThatThrownBy(() -> fixture.invoke(method)).isSameAs(failure);
          assertThat(fixture.log).containsExactlyElementsOf(expectedLog(jdbcInterface, method));
        });
  }

  @Test
  void connectionCallIsReportedForApplicationCalls() throws SQLException {
    Fixture fixture = new Fixture(Connection.class, m -> false);
    Connection connection = (Connection) fixture.wrapper;

    connection.prepareStatement("select 1");
    connection.setAutoCommit(false);
    connection.commit();

    assertThat(fixture.log)
        .containsExactly(
            "hook:onConnectionCall",
            "prepareStatement(String)",
            "hook:onConnectionCall",
            "setAutoCommit(boolean)",
            "hook:onConnectionCall",
            "commit()");
  }

  @Test
  void connectionCallIsNotReportedForLifecycleAndWrapperCalls() throws SQLException {
    Fixture fixture = new Fixture(Connection.class, m -> false);
    Connection connection = (Connection) fixture.wrapper;

    connection.isClosed();
    connection.unwrap(Runnable.class);
    connection.isWrapperFor(Runnable.class);
    connection.close();

    assertThat(fixture.log).doesNotContain("hook:onConnectionCall").contains("hook:onClose");
  }

  @Test
  void closeIsReportedWhenTheDriverFailsToClose() {
    SQLException failure = new SQLException("broken pipe");
    Fixture fixture = new Fixture(Connection.class, m -> m.getName().equals("close"), failure);

    assertThatThrownBy(((Connection) fixture.wrapper)::close).isSameAs(failure);

    assertThat(fixture.log).containsExactly("hook:onClose", "close()");
  }

  @Test
  void abortIsReportedWhenTheDriverFailsToAbort() {
    SQLException failure = new SQLException("no permission");
    Fixture fixture = new Fixture(Connection.class, m -> m.getName().equals("abort"), failure);
    Executor executor = Runnable::run;

    assertThatThrownBy(() -> ((Connection) fixture.wrapper).abort(executor)).isSameAs(failure);

    assertThat(fixture.log).containsExactly("hook:onAbort", "abort(Executor)");
  }

  @Test
  void executeIsReportedAroundTheDriverCallWhenTheDriverThrows() {
    SQLException failure = new SQLException("syntax error", "42000");
    Fixture fixture = new Fixture(PreparedStatement.class, m -> true, failure);

    assertThatThrownBy(((PreparedStatement) fixture.wrapper)::executeQuery).isSameAs(failure);

    assertThat(fixture.log)
        .containsExactly("hook:onExecuteStart", "executeQuery()", "hook:onExecuteEnd");
  }

  @Test
  void getResultSetAnswersOneWrapperPerDriverResultSet() throws SQLException {
    Fixture fixture = new Fixture(Statement.class, m -> false);
    Statement statement = (Statement) fixture.wrapper;

    // The recording delegate answers a new result set on each call, as after getMoreResults().
    ResultSet first = statement.getResultSet();
    ResultSet second = statement.getResultSet();

    assertThat(first).isInstanceOf(LeashResultSet.class).isNotSameAs(second);
    assertThat(((LeashResultSet) first).delegate())
        .isNotSameAs(((LeashResultSet) second).delegate());
  }

  /** An exception {@code method} may throw: a driver throws what the interface declares. */
  private static Exception failureFor(Method method) {
    for (Class<?> declared : method.getExceptionTypes()) {
      if (declared == SQLException.class) {
        return new SQLException("from the driver", "08S01", 17);
      }
      if (declared == SQLClientInfoException.class) {
        return new SQLClientInfoException("from the driver", Map.of());
      }
    }
    return new IllegalStateException("from the driver");
  }

  /** The log one call of {@code method} must leave: hooks and delegate calls, in order. */
  private static List<String> expectedLog(Class<?> jdbcInterface, Method method) {
    String call = signature(method);
    String name = method.getName();
    if (jdbcInterface == Connection.class) {
      switch (name) {
        case "close":
          return List.of("hook:onClose", call);
        case "abort":
          return List.of("hook:onAbort", call);
        case "clearWarnings":
          return List.of("hook:onClearWarnings", call);
        case "isClosed":
        case "unwrap":
        case "isWrapperFor":
          return List.of(call);
        default:
          return List.of("hook:onConnectionCall", call);
      }
    }
    if (Statement.class.isAssignableFrom(jdbcInterface) && name.startsWith("execute")) {
      return List.of("hook:onExecuteStart", call, "hook:onExecuteEnd");
    }
    return List.of(call);
  }

  private interface MethodCheck {
    void check(Class<?> jdbcInterface, Method method) throws Throwable;
  }

  private static Stream<DynamicTest> everyMethod(MethodCheck check) {
    return INTERFACES.stream()
        .flatMap(
            jdbcInterface ->
                RecordingDelegate.instanceMethods(jdbcInterface).stream()
                    .map(
                        method ->
                            DynamicTest.dynamicTest(
                                jdbcInterface.getSimpleName() + "." + signature(method),
                                () -> check.check(jdbcInterface, method))));
  }

  /** One wrapper around a fresh recording delegate, with the objects it should hand back. */
  private static final class Fixture {
    final List<String> log = new ArrayList<>();
    final ConnectionHooks hooks = new RecordingHooks(log);
    // Owners of the wrapper under test: their delegates record elsewhere, so the log holds only
    // what the wrapper under test did.
    final LeashConnection owner =
        new LeashConnection(RecordingDelegate.create(Connection.class, new ArrayList<>()), hooks);
    final LeashStatement ownerStatement =
        new LeashStatement(RecordingDelegate.create(Statement.class, new ArrayList<>()), owner);
    final Object wrapper;

    Fixture(Class<?> jdbcInterface, Predicate<Method> throwsFrom) {
      this(jdbcInterface, throwsFrom, new SQLException("unexpected"));
    }

    Fixture(Class<?> jdbcInterface, Predicate<Method> throwsFrom, Exception failure) {
      Object delegate = RecordingDelegate.create(jdbcInterface, log, throwsFrom, failure);
      if (jdbcInterface == Connection.class) {
        wrapper = new LeashConnection((Connection) delegate, hooks);
      } else if (jdbcInterface == Statement.class) {
        wrapper = new LeashStatement((Statement) delegate, owner);
      } else if (jdbcInterface == PreparedStatement.class) {
        wrapper = new LeashPreparedStatement((PreparedStatement) delegate, owner);
      } else if (jdbcInterface == CallableStatement.class) {
        wrapper = new LeashCallableStatement((CallableStatement) delegate, owner);
      } else if (jdbcInterface == ResultSet.class) {
        wrapper = new LeashResultSet((ResultSet) delegate, ownerStatement);
      } else if (jdbcInterface == DatabaseMetaData.class) {
        wrapper = new LeashDatabaseMetaData((DatabaseMetaData) delegate, owner);
      } else {
        throw new IllegalArgumentException(jdbcInterface.getName());
      }
    }

    Object invoke(Method method) throws Throwable {
      try {
        return method.invoke(wrapper, RecordingDelegate.arguments(method));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    void assertReturned(Method method, Object result) throws SQLException {
      Class<?> type = method.getReturnType();
      if (type == Connection.class) {
        assertThat(result).isSameAs(owner);
      } else if (type == Statement.class && wrapper instanceof ResultSet) {
        assertThat(result).isSameAs(ownerStatement);
      } else if (Statement.class.isAssignableFrom(type)) {
        // createStatement, prepareStatement and prepareCall.
        Class<?> expected =
            type == CallableStatement.class
                ? LeashCallableStatement.class
                : type == PreparedStatement.class
                    ? LeashPreparedStatement.class
                    : LeashStatement.class;
        assertThat(result).isExactlyInstanceOf(expected);
        assertThat(((Statement) result).getConnection()).isSameAs(wrapper);
      } else if (type == DatabaseMetaData.class) {
        assertThat(result).isExactlyInstanceOf(LeashDatabaseMetaData.class);
        assertThat(((DatabaseMetaData) result).getConnection()).isSameAs(wrapper);
      } else if (type == ResultSet.class) {
        assertThat(result).isExactlyInstanceOf(LeashResultSet.class);
        Statement statement = ((ResultSet) result).getStatement();
        if (wrapper instanceof Statement) {
          assertThat(statement).isSameAs(wrapper);
        } else {
          // Metadata: the driver's own statement, wrapped and tied to the Leash connection.
          assertThat(statement).isExactlyInstanceOf(LeashStatement.class);
          assertThat(statement.getConnection()).isSameAs(owner);
        }
      } else {
        assertThat(result).isEqualTo(RecordingDelegate.answer(type));
      }
    }
  }

  /** Writes each hook call into the same log as the delegate, so their order can be asserted. */
  private static final class RecordingHooks implements ConnectionHooks {
    private final List<String> log;

    RecordingHooks(List<String> log) {
      this.log = log;
    }

    @Override
    public void onConnectionCall() {
      log.add("hook:onConnectionCall");
    }

    @Override
    public void onClearWarnings() {
      log.add("hook:onClearWarnings");
    }

    @Override
    public void onExecuteStart() {
      log.add("hook:onExecuteStart");
    }

    @Override
    public void onExecuteEnd() {
      log.add("hook:onExecuteEnd");
    }

    @Override
    public void onClose() {
      log.add("hook:onClose");
    }

    @Override
    public void onAbort() {
      log.add("hook:onAbort");
    }
  }
}
