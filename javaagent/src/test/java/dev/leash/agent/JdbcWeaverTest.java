package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leash.agent.bootstrap.LeashHooks;
import java.io.InputStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The woven code, run: a data source's {@code getConnection} reports what it returned or threw to the hooks, and
 * behaves exactly as before. The class is woven as the agent would and defined by a child loader (the hooks
 * resolve from the test class path here, from the bootstrap loader under the agent).
 */
class JdbcWeaverTest {

  /** Returns {@link #next} or throws it. */
  public static final class FakeDataSource implements DataSource {
    public static Object next;

    @Override
    public Connection getConnection() throws SQLException {
      if (next instanceof SQLException) {
        throw (SQLException) next;
      }
      return (Connection) next;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      try {
        return getConnection();
      } catch (SQLException e) {
        throw new SQLException("wrapped", e); // its own handler runs first, as without the agent
      }
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) {
      return null;
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  private final List<String> seen = new ArrayList<>();

  @AfterEach
  void noDelegate() {
    LeashHooks.delegate = null;
    FakeDataSource.next = null;
  }

  @Test
  void getConnectionReportsItsResultAndItsFailureOnce() throws Exception {
    LeashHooks.delegate = recording();
    DataSource ds = (DataSource) woven(FakeDataSource.class, JdbcTypes.DATA_SOURCE).getConstructor().newInstance();
    Class<?> fake = ds.getClass();
    Connection c = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, a) -> null);
    fake.getDeclaredField("next").set(null, c);

    assertThat(ds.getConnection()).isSameAs(c);
    assertThat(ds.getConnection("u", "p")).isSameAs(c); // nested getConnection(): one acquisition
    SQLException boom = new SQLException("boom");
    fake.getDeclaredField("next").set(null, boom);
    assertThatThrownBy(ds::getConnection).isSameAs(boom);
    assertThatThrownBy(() -> ds.getConnection("u", "p")).hasMessage("wrapped").hasCause(boom);

    assertThat(seen).containsExactly("started", "acquired connection", "started", "acquired connection",
        "started", "acquired thrown boom", "started", "acquired thrown wrapped");
  }

  @Test
  void aClassWithoutTheKindsMethodsIsLeftAlone() throws Exception {
    assertThat(JdbcWeaver.weave(bytes(FakeDataSource.class), JdbcTypes.STATEMENT)).isNull();
  }

  private LeashHooks.Delegate recording() {
    return new LeashHooks.Delegate() {
      @Override
      public long acquireStarted(Object dataSource) {
        seen.add("started");
        return 1;
      }

      @Override
      public void dataSourceAcquired(Object dataSource, long start, Object connection, Throwable thrown) {
        seen.add(connection != null ? "acquired connection" : "acquired thrown " + thrown.getMessage());
      }

      @Override
      public void driverAcquired(Object connection, String url) {}

      @Override
      public void closed(Object connection) {}

      @Override
      public void statementCreated(Object connection, Object statement) {}

      @Override
      public Object executeStarted(Object statement) {
        return null;
      }

      @Override
      public void executeEnded(Object token) {}
    };
  }

  private static Class<?> woven(Class<?> type, int kinds) throws Exception {
    byte[] bytes = JdbcWeaver.weave(bytes(type), kinds);
    assertThat(bytes).isNotNull();
    return new ClassLoader(JdbcWeaverTest.class.getClassLoader()) {
      Class<?> define() {
        return defineClass(type.getName(), bytes, 0, bytes.length);
      }
    }.define();
  }

  private static byte[] bytes(Class<?> type) throws Exception {
    try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
