package dev.leash.it.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.jdbc.InstrumentedLeases;
import dev.leash.internal.jdbc.TestDoubles;
import dev.leash.jdbc.LeashDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A test suite that mocks its data source with Mockito: the mocks are never leases, in the wrapper and on the
 * agent's code path, so no leak report (above all no {@code connection.leak.confirmed}) ever names a mock.
 */
class TestDoublesTest {

  /** Leases of mocks seen by the process registry during a test. */
  private final List<String> mockLeases = new CopyOnWriteArrayList<>();
  private final List<LeakEvent> mockLeaks = new CopyOnWriteArrayList<>();
  private final LeashListener recorder = new LeashListener() {
    @Override
    public void leaseStarted(LeaseView lease) {
      if (lease.pool().contains("Mock") || lease.pool().contains("mockdb") || lease.pool().contains("test double")) {
        mockLeases.add(lease.pool());
      }
    }

    @Override
    public void leak(LeakEvent event) {
      if (event.pool().contains("Mock") || event.pool().contains("mockdb") || event.pool().contains("test double")) {
        mockLeaks.add(event);
      }
    }
  };

  @BeforeEach
  void listen() {
    LeashRuntime.registry().listeners().add(recorder);
  }

  @AfterEach
  void stop() {
    LeashRuntime.registry().listeners().remove(recorder);
  }

  @Test
  void mockitoMocksOfJdbcTypesAreTestDoubles() throws Exception {
    DataSource ds = mock(DataSource.class);
    Connection c = mock(Connection.class);
    assertThat(TestDoubles.isTestDouble(ds)).isTrue();
    assertThat(TestDoubles.isTestDouble(c)).isTrue();
    // Mockito 5's inline mock maker mocks a class in place: the class name says nothing, Mockito does.
    HikariDataSource hikari = mock(HikariDataSource.class);
    assertThat(hikari.getClass()).isEqualTo(HikariDataSource.class);
    assertThat(TestDoubles.isTestDoubleDataSource(hikari)).isTrue();
    // Real objects are not, nor is a framework's proxy (MyBatis and Spring hand out java.lang.reflect.Proxy connections).
    try (HikariDataSource real = new HikariDataSource()) {
      assertThat(TestDoubles.isTestDoubleDataSource(real)).isFalse();
    }
    Object frameworkProxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (p, m, a) -> null);
    assertThat(TestDoubles.isTestDouble(frameworkProxy)).isFalse();
    assertThat(TestDoubles.isTestDouble("a string")).isFalse();
  }

  @Test
  void aWrappedMockGivesNoLeaseAndIsNotReadByLeash() throws Exception {
    DataSource mocked = mock(DataSource.class);
    Connection mockConnection = mock(Connection.class);
    when(mocked.getConnection()).thenReturn(mockConnection);
    DataSource ds = LeashDataSource.wrap(mocked, LeashConfig.defaults());
    int openBefore = LeashRuntime.registry().openCount();

    Connection c = ds.getConnection(); // never closed, then dropped: a mock must not become a confirmed leak
    assertThat(c.toString()).contains("Mock for Connection"); // handed out, untracked
    assertThat(LeashRuntime.registry().openCount()).isEqualTo(openBefore);
    verify(mocked).getConnection();
    verifyNoMoreInteractions(mocked); // Leash asked the mock nothing (no getPoolName, no getUrl)
    c = null;
    gcAndDrain();
    assertThat(mockLeases).isEmpty();
    assertThat(mockLeaks).isEmpty();
  }

  @Test
  void theAgentsPathGivesAMockNoLease() throws Exception {
    DataSource mocked = mock(DataSource.class);
    Connection mockConnection = mock(Connection.class);
    // What the agent's delegate holds, without telling the runtime that an agent is in this JVM.
    InstrumentedLeases agent = new InstrumentedLeases(LeashRuntime.get(), dev.leash.config.LeashConfig.defaults());
    long ticket = agent.acquireStarted(mocked);
    assertThat(ticket).isZero();
    agent.acquireEnded(mocked, ticket, mockConnection, null);
    agent.driverAcquired(mock(Connection.class), "jdbc:h2:mem:mocked");
    assertThat(dev.leash.internal.LeashRuntime.registry().leaseOf(mockConnection)).as("no open lease for the mock").isNull();
    verifyNoMoreInteractions(mocked, mockConnection);
    mockConnection = null;
    gcAndDrain();
    assertThat(mockLeases).isEmpty();
    assertThat(mockLeaks).isEmpty();
  }

  @Test
  void aMockedDriverBehindTheUrlPrefixGivesNoLease() throws Exception {
    java.sql.Driver driver = mock(java.sql.Driver.class);
    String url = "jdbc:mockdb:orders_" + System.nanoTime();
    when(driver.acceptsURL(org.mockito.ArgumentMatchers.startsWith("jdbc:mockdb:"))).thenReturn(true);
    when(driver.connect(org.mockito.ArgumentMatchers.startsWith("jdbc:mockdb:"), org.mockito.ArgumentMatchers.any()))
        .thenAnswer(invocation -> mock(Connection.class));
    java.sql.DriverManager.registerDriver(driver);
    int openBefore = LeashRuntime.registry().openCount();
    try {
      Connection c = java.sql.DriverManager.getConnection("jdbc:leash:" + url.substring("jdbc:".length()));
      assertThat(c.toString()).contains("Mock for Connection");
      assertThat(LeashRuntime.registry().openCount()).isEqualTo(openBefore);
      c = null; // never closed
      gcAndDrain();
      assertThat(mockLeases).isEmpty();
      assertThat(mockLeaks).isEmpty();
    } finally {
      java.sql.DriverManager.deregisterDriver(driver);
    }
  }

  private static void gcAndDrain() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      dev.leash.internal.track.TrackAccess.drainCollected(LeashRuntime.registry());
    }
  }
}
