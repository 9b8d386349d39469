package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.it.pool.PoolScenario.Mode;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16, point 3 on any JDK: a thread without a name is {@code thread#<id>} in every report (leak,
 * pool exhausted, holders), never an empty string; virtual threads ({@code virtual#<id>}) are covered by
 * {@code VirtualThreadsTest} on JDK 21+.
 */
class UnnamedThreadsTest {

  @RegisterExtension
  final PoolScenario scenario = new PoolScenario("unnamed_");

  @ParameterizedTest
  @EnumSource(Mode.class)
  @SuppressWarnings("deprecation") // Thread.getId(): Thread.threadId() is JDK 19+
  void aThreadWithoutANameIsThreadHashId(Mode mode) throws Exception {
    DataSource ds = scenario.warmHikari(mode, 2, 300);
    Thread unnamed = new Thread(() -> {
      try {
        for (int i = 0; i < 2; i++) {
          Connection c = ds.getConnection();
          c.setAutoCommit(true);
          scenario.held.add(c);
        }
        Thread.sleep(500); // past the leak threshold
        ds.getConnection().close();
      } catch (SQLException | InterruptedException expected) {
        // the pool is dry: this thread took every connection
      }
    }, "");
    unnamed.start();
    String expected = "thread#" + unnamed.getId();
    ILoggingEvent exhausted = scenario.logs.await("pool.exhausted", scenario.byDb(), 1, 10).get(0);
    assertThat(kv(exhausted, "thread")).as(exhausted.getFormattedMessage()).isEqualTo(expected);
    assertThat(exhausted.getFormattedMessage()).contains("thread " + expected + " ").contains("threads: " + expected)
        .doesNotContain("thread  ").doesNotContain("threads: \n");
    ILoggingEvent leak = scenario.logs.await("connection.leak.suspected", scenario.byDb(), 1, 5).get(0);
    assertThat(kv(leak, "thread")).isEqualTo(expected);
    unnamed.join(5000);
  }
}
