package leakapp;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A unit test's shapes, run under the agent: a DAO over a Mockito mock of {@code DataSource} handing out
 * mock {@code Connection}s that are never closed (a mock needs no close), some kept, most dropped and
 * collected; a mock of HikariDataSource made by Mockito's inline mock maker (its class is the real one).
 * None of it is a connection: the agent must report nothing, and must not call the mocks.
 */
public final class MockedJdbc {

  /** The code under test: takes a connection through a helper, as DAOs do. */
  static final class OrderDao {
    private final DataSource ds;

    OrderDao(DataSource ds) {
      this.ds = ds;
    }

    Connection open() throws SQLException {
      return ds.getConnection();
    }
  }

  public static void main(String[] args) throws Exception {
    DataSource ds = mock(DataSource.class);
    when(ds.getConnection()).thenAnswer(invocation -> mock(Connection.class));
    OrderDao dao = new OrderDao(ds);
    List<Connection> kept = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Connection c = dao.open();
      if (i < 2) {
        kept.add(c); // held past the threshold: would be "suspected" if it were a lease
      }
    }
    HikariDataSource hikari = mock(HikariDataSource.class);
    when(hikari.getConnection()).thenReturn(mock(Connection.class));
    for (int i = 0; i < 5; i++) {
      new OrderDao(hikari).open();
    }
    verify(ds, org.mockito.Mockito.times(20)).getConnection();
    verify(hikari, org.mockito.Mockito.times(5)).getConnection();
    verifyNoMoreInteractions(ds, hikari); // the agent read no property of the mocks
    for (Connection c : kept) {
      verifyNoMoreInteractions(c);
    }
    System.out.println("program: mocks untouched by Leash");
    for (int i = 0; i < 10; i++) {
      System.gc(); // the dropped mocks go: were they leases, each would be a confirmed leak
      Thread.sleep(100);
    }
    System.out.println("program: kept " + kept.size());
    Scenario.finish();
  }
}
