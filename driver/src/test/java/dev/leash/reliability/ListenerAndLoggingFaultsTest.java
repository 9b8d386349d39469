package dev.leash.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.reliability.Soak.Mode;
import dev.leash.reliability.Soak.Pool;
import dev.leash.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A listener that throws and a logging backend that blocks: the JDBC calls of the application still
 * complete, promptly. Leash's reports that arise on application threads are handed to its reporting
 * thread (bounded queue, drops counted), so a blocked appender can stall only Leash's own threads.
 */
class ListenerAndLoggingFaultsTest {

  static final Duration THRESHOLD = Duration.ofMillis(300);

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final ExecutorService app = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-thread"));
  private final Logger leash = (Logger) LoggerFactory.getLogger("leash");
  private final Logger leak = (Logger) LoggerFactory.getLogger("leash.leak");
  private final BlockingAppender blocking = new BlockingAppender();
  private LogCapture logs;
  private String marker;

  /** An appender that, once closed, blocks every thread that logs through it until opened again. */
  static final class BlockingAppender extends AppenderBase<ILoggingEvent> {
    final AtomicInteger blocked = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void close() {
      gate = new CountDownLatch(1);
    }

    void open() {
      gate.countDown();
    }

    @Override
    protected void append(ILoggingEvent event) {
      CountDownLatch g = gate;
      if (g.getCount() > 0) {
        blocked.incrementAndGet();
        try {
          g.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @BeforeEach
  void setUp() {
    logs = new LogCapture();
    marker = "logfault_" + System.nanoTime();
    blocking.setName("blocking");
    blocking.setContext(leash.getLoggerContext());
    blocking.start();
    leash.addAppender(blocking);
  }

  @AfterEach
  void tearDown() throws Exception {
    blocking.open();
    leash.detachAppender(blocking);
    leak.setLevel(null);
    logs.close();
    app.shutdownNow();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  /** Runs {@code call} on an application thread and fails if it does not finish within two seconds. */
  private <T> T promptly(java.util.concurrent.Callable<T> call) throws Exception {
    Future<T> f = app.submit(call);
    return f.get(2, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void blockedLoggingNeverBlocksGetConnectionOrClose(Mode mode) throws Exception {
    DataSource ds = Soak.open(Pool.HIKARI, mode, "jdbc:h2:mem:" + marker + ";DB_CLOSE_DELAY=-1", "sa", "", THRESHOLD, 2,
        Duration.ofMillis(250), toClose);
    Connection leaked = promptly(() -> PlantedLeaks.leak(0, ds));
    assertThat(logs.await("connection.leak.suspected", Soak.about(marker), 1, 10)).hasSize(1);
    leak.setLevel(Level.DEBUG); // connection.acquired / connection.released on every borrow
    LeaseRegistry registry = LeashRuntime.registry();
    long droppedBefore = registry.droppedReports();
    blocking.close();

    // A suspected leak returned: connection.leak.returned arises inside close().
    promptly(() -> {
      leaked.close();
      return null;
    });
    // Many borrows at DEBUG: more reports than the queue holds while the backend is blocked.
    promptly(() -> {
      for (int i = 0; i < 400; i++) {
        try (Connection c = ds.getConnection()) {
          c.setAutoCommit(true);
        }
      }
      return null;
    });
    // The pool runs dry: pool.exhausted is built on the application thread and logged elsewhere.
    Connection a = promptly(ds::getConnection);
    Connection b = promptly(ds::getConnection);
    a.setAutoCommit(true);
    b.setAutoCommit(true);
    if (mode == Mode.WRAP) {
      Throwable timeout = promptly(() -> {
        try {
          ds.getConnection().close();
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      assertThat(timeout).isInstanceOf(SQLException.class).hasMessageContaining("Connection is not available");
    }
    promptly(() -> {
      a.close();
      b.close();
      return null;
    });

    assertThat(blocking.blocked.get()).as("Leash's reporting thread is the one stuck in the appender").isEqualTo(1);
    assertThat(registry.droppedReports() - droppedBefore).as("reports dropped while the backend was blocked").isPositive();

    blocking.open();
    // Once the backend is back, the queued reports come out, the returned leak among them.
    assertThat(logs.await("connection.leak.returned", Soak.about(marker), 1, 10)).hasSize(1);
    assertThat(logs.await("connection.released", Soak.about(marker), 1, 10)).isNotEmpty();
  }

  @Test
  void listenerThatThrowsNeverBreaksAJdbcCallAndIsReportedOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    LeashListener broken = new LeashListener() {
      @Override
      public void leaseStarted(LeaseView lease) {
        calls.incrementAndGet();
        throw new IllegalStateException("listener broken");
      }

      @Override
      public void leaseEnded(LeaseView lease, long heldNanos) {
        calls.incrementAndGet();
        throw new StackOverflowError("listener broken badly");
      }

      @Override
      public void leak(LeakEvent event) {
        calls.incrementAndGet();
        throw new IllegalStateException("listener broken");
      }

      @Override
      public void acquisitionEnded(String pool, long waitNanos, boolean timedOut) {
        calls.incrementAndGet();
        throw new IllegalStateException("listener broken");
      }

      @Override
      public void pool(PoolEvent event) {
        throw new IllegalStateException("listener broken");
      }
    };
    LeaseRegistry registry = LeashRuntime.registry();
    long failuresBefore = registry.listeners().failures();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    registry.listeners().add(broken);
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      DataSource ds = Soak.open(Pool.HIKARI, Mode.WRAP, "jdbc:h2:mem:" + marker + ";DB_CLOSE_DELAY=-1", "sa", "", THRESHOLD,
          2, toClose);
      for (int i = 0; i < 50; i++) {
        promptly(() -> {
          try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
          }
          return null;
        });
      }
      Connection leaked = promptly(() -> PlantedLeaks.leak(1, ds));
      // The reporter still gets the events the broken listener threw on.
      assertThat(logs.await("connection.leak.suspected", Soak.about(marker), 1, 10)).hasSize(1);
      leaked.close();
    } finally {
      registry.listeners().remove(broken);
      System.setErr(err);
    }
    assertThat(calls.get()).isGreaterThanOrEqualTo(50 * 3 + 1);
    assertThat(registry.listeners().failures() - failuresBefore).isEqualTo(calls.get() > 0 ? calls.get() : 1)
        .as("every failure counted");
    String stderr = captured.toString(StandardCharsets.UTF_8);
    assertThat(stderr.split("leash: listener", -1).length - 1).as("reported at most once per process: %s", stderr)
        .isLessThanOrEqualTo(1);
    assertThat(Soak.openLeases(marker)).isEmpty();
  }
}
