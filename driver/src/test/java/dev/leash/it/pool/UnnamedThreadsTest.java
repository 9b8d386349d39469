package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.pool.NestedAcquisitionTest.Mode;
import dev.leash.testing.LogCapture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16, point 3 on any JDK: a thread without a name is {@code thread#<id>} in every report (leak,
 * pool exhausted, holders), never an empty string; virtual threads ({@code virtual#<id>}) are covered by
 * {@code VirtualThreadsTest} on JDK 21+.
 */
class UnnamedThreadsTest {

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<Connection> held = new CopyOnWriteArrayList<>();
  private LogCapture logs;
  private String name;

  @BeforeEach
  void setUp(TestInfo info) {
    logs = new LogCapture();
    name = "unnamed_" + info.getDisplayName().replaceAll("\\W", "") + "_" + System.nanoTime();
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (Connection c : held) {
      c.close();
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private Predicate<ILoggingEvent> mine() {
    return e -> String.valueOf(kv(e, "db")).contains(name);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  @SuppressWarnings("deprecation") // Thread.getId(): Thread.threadId() is JDK 19+
  void aThreadWithoutANameIsThreadHashId(Mode mode) throws Exception {
    DataSource ds = NestedAcquisitionTest.pool(mode, name, 2, 300, toClose);
    Thread unnamed = new Thread(() -> {
      try {
        for (int i = 0; i < 2; i++) {
          Connection c = ds.getConnection();
          c.setAutoCommit(true);
          held.add(c);
        }
        Thread.sleep(500); // past the leak threshold
        ds.getConnection().close();
      } catch (SQLException | InterruptedException expected) {
        // the pool is dry: this thread took every connection
      }
    }, "");
    unnamed.start();
    String expected = "thread#" + unnamed.getId();
    ILoggingEvent exhausted = logs.await("pool.exhausted", mine(), 1, 10).get(0);
    assertThat(kv(exhausted, "thread")).as(exhausted.getFormattedMessage()).isEqualTo(expected);
    assertThat(exhausted.getFormattedMessage()).contains("thread " + expected + " ").contains("threads: " + expected)
        .doesNotContain("thread  ").doesNotContain("threads: \n");
    ILoggingEvent leak = logs.await("connection.leak.suspected", mine(), 1, 5).get(0);
    assertThat(kv(leak, "thread")).isEqualTo(expected);
    unnamed.join(5000);
  }
}
