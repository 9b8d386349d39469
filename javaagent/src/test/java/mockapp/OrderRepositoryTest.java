package mockapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * An application's unit tests of its JDBC code with Mockito mocks of {@code DataSource}, {@code Connection},
 * {@code PreparedStatement} and {@code Statement} under strict stubs ({@link MockitoExtension}'s default).
 * {@code MockitoUnderAgentIT} runs them with and without {@code -javaagent:leash-agent.jar}: each must pass
 * in both, because the agent may not call a method on the application's objects.
 */
@ExtendWith(MockitoExtension.class)
class OrderRepositoryTest {

  @Mock DataSource dataSource;
  @Mock Connection connection;
  @Mock PreparedStatement preparedStatement;
  @Mock Statement statement;
  @Mock ResultSet resultSet;

  @Test
  void readsTheStatusAndClosesEverythingWithNoOtherCall() throws SQLException {
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.prepareStatement(OrderRepository.FIND_STATUS)).thenReturn(preparedStatement);
    when(preparedStatement.executeQuery()).thenReturn(resultSet);
    when(resultSet.next()).thenReturn(true);
    when(resultSet.getString("status")).thenReturn("PAID");

    assertThat(new OrderRepository(dataSource).status(42)).contains("PAID");

    InOrder order = inOrder(preparedStatement, connection);
    order.verify(preparedStatement).setLong(1, 42);
    order.verify(preparedStatement).executeQuery();
    order.verify(preparedStatement).close();
    order.verify(connection).close();
    verify(dataSource).getConnection();
    verify(connection).prepareStatement(OrderRepository.FIND_STATUS);
    verify(resultSet).close();
    verifyNoMoreInteractions(dataSource, connection, preparedStatement);
  }

  @Test
  void doReturnStubbingOfExecuteQueryStubsExecuteQuery() throws SQLException {
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.prepareStatement(OrderRepository.FIND_STATUS)).thenReturn(preparedStatement);
    doReturn(resultSet).when(preparedStatement).executeQuery();

    assertThat(new OrderRepository(dataSource).status(7)).isEmpty();

    verify(resultSet).next();
  }

  @Test
  void aFailingUpdateIsRolledBackAndRethrown() throws SQLException {
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.createStatement()).thenReturn(statement);
    doThrow(new SQLException("deadlock detected", "40P01")).when(statement).executeUpdate(anyString());

    assertThatThrownBy(() -> new OrderRepository(dataSource).archive()).isInstanceOf(SQLException.class)
        .hasMessage("deadlock detected");

    InOrder order = inOrder(connection, statement);
    order.verify(connection).setAutoCommit(false);
    order.verify(statement).executeUpdate(OrderRepository.ARCHIVE);
    order.verify(statement).close();
    order.verify(connection).rollback();
    order.verify(connection).close();
    verify(connection).createStatement();
    verifyNoMoreInteractions(connection, statement);
  }

  @Test
  void anArchiveCommitsAndReportsTheCount() throws SQLException {
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.createStatement()).thenReturn(statement);
    when(statement.executeUpdate(OrderRepository.ARCHIVE)).thenReturn(3);

    assertThat(new OrderRepository(dataSource).archive()).isEqualTo(3);

    verify(connection).commit();
    verify(statement).close();
  }
}
