package mockapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockitoSession;
import org.mockito.exceptions.misusing.PotentialStubbingProblem;
import org.mockito.quality.Strictness;

/**
 * Strict stubs through a {@link MockitoSession}, as tests without the JUnit extension use them: a
 * stubbing used with other arguments is a {@link PotentialStubbingProblem}, an unused one fails
 * {@code finishMocking()}. Both must be exactly as without the agent.
 */
class SessionStrictnessTest {

  private MockitoSession session;
  private DataSource dataSource;
  private Connection connection;
  private PreparedStatement preparedStatement;

  @BeforeEach
  void start() {
    session = org.mockito.Mockito.mockitoSession().strictness(Strictness.STRICT_STUBS).startMocking();
    dataSource = mock(DataSource.class);
    connection = mock(Connection.class);
    preparedStatement = mock(PreparedStatement.class);
  }

  @AfterEach
  void finish() {
    session.finishMocking();
  }

  @Test
  void everyStubbingIsUsedAndNothingElseIsCalled() throws SQLException {
    ResultSet rs = mock(ResultSet.class);
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.prepareStatement(OrderRepository.FIND_STATUS)).thenReturn(preparedStatement);
    when(preparedStatement.executeQuery()).thenReturn(rs);

    assertThat(new OrderRepository(dataSource).status(1)).isEmpty();

    verify(preparedStatement).setLong(1, 1);
    verify(preparedStatement).executeQuery();
    verify(preparedStatement).close();
    verifyNoMoreInteractions(preparedStatement);
  }

  @Test
  void aStubbingUsedWithOtherArgumentsIsAPotentialStubbingProblem() throws SQLException {
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.prepareStatement("SELECT status FROM order_archive WHERE id = ?")).thenReturn(preparedStatement);

    assertThatThrownBy(() -> new OrderRepository(dataSource).status(1)).isInstanceOf(PotentialStubbingProblem.class);
    // The test itself used the stubbing it wrote, so finishMocking() passes.
    connection.prepareStatement("SELECT status FROM order_archive WHERE id = ?");
  }
}
