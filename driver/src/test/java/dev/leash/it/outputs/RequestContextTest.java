package dev.leash.it.outputs;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import javax.sql.DataSource;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The request a lease belongs to ({@code leash.context.keys}, copied from the MDC at acquisition) on
 * every output about that lease: the holders report of {@code pool.exhausted} and of the JMX
 * {@code dump()}, {@code connection.held.busy}, and the JFR events.
 */
class RequestContextTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @BeforeAll
  static void outputsStarted() throws Exception {
    OutputsTesting.outputsStarted();
  }

  private final String name = "context_" + System.nanoTime();
  private HikariDataSource hikari;
  private final LogCapture logs = new LogCapture();

  @AfterEach
  void tearDown() {
    logs.close();
    if (hikari != null) {
      hikari.close();
    }
  }

  /** A request's work, with the ids its tracing filter puts in the MDC while it runs. */
  private static <T> T inRequest(String traceId, String requestId, Callable<T> work) throws Exception {
    MDC.put("trace_id", traceId);
    MDC.put("span_id", SPAN);
    if (requestId != null) {
      MDC.put("request_id", requestId);
    }
    try {
      return work.call();
    } finally {
      MDC.clear();
    }
  }

  @Test
  void holdersReportJmxDumpAndJfrNameTheRequestsHoldingTheConnections(@TempDir Path dir) throws Exception {
    hikari = OutputsTesting.hikari(name, 1, 250);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.builder()
        .leakThreshold(Duration.ofMillis(300)).poolWaitThreshold(Duration.ofMillis(100)).build());
    String longId = "r".repeat(200);
    try (Recording recording = new Recording()) {
      recording.enable("leash.ConnectionLease");
      recording.enable("leash.ConnectionLeak");
      recording.start();

      Connection held = inRequest(TRACE, longId, ds::getConnection);
      Thread.sleep(700); // idle past the threshold: suspected
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class); // outside any request

      ILoggingEvent exhausted = logs.await("pool.exhausted", LogCapture.pool(name), 1, 10).get(0);
      String requests = "requests: trace_id=" + TRACE + " span_id=" + SPAN + " request_id=" + "r".repeat(128);
      assertThat(exhausted.getFormattedMessage()).contains(requests).doesNotContain("r".repeat(129));

      String dump = (String) ManagementFactory.getPlatformMBeanServer()
          .invoke(new ObjectName("dev.leash:type=Leash"), "dump", new Object[0], new String[0]);
      assertThat(dump).contains(requests);

      ILoggingEvent suspected = logs.await("connection.leak.suspected", LogCapture.pool(name), 1, 10).get(0);
      assertThat(kv(suspected, "request_id")).as("cut at 128 characters").isEqualTo("r".repeat(128));
      held.close();

      recording.stop();
      Path file = dir.resolve("context.jfr");
      recording.dump(file);
      List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
          .filter(e -> name.equals(e.getString("pool"))).collect(Collectors.toList());
      String context = "trace_id=" + TRACE + " span_id=" + SPAN + " request_id=" + "r".repeat(128);
      assertThat(events).filteredOn(e -> e.getEventType().getName().equals("leash.ConnectionLeak"))
          .singleElement().satisfies(e -> assertThat(e.getString("context")).isEqualTo(context));
      assertThat(events).filteredOn(e -> e.getEventType().getName().equals("leash.ConnectionLease"))
          .anySatisfy(e -> assertThat(e.getString("context")).isEqualTo(context));
    }
  }

  @Test
  void aLongStatementInARequestIsReportedBusyWithItsTraceId() throws Exception {
    hikari = OutputsTesting.hikari(name, 2, 1000);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(Duration.ofMillis(300)).build());
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep(long)\"");
    }
    inRequest(TRACE, null, () -> {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("CALL SLEEP(1500)");
      }
      return null;
    });
    ILoggingEvent busy = logs.await("connection.held.busy", LogCapture.pool(name), 1, 10).get(0);
    assertThat(kv(busy, "trace_id")).isEqualTo(TRACE);
    assertThat(busy.getFormattedMessage()).endsWith(" trace_id=" + TRACE + " span_id=" + SPAN);
  }

  @Test
  void anEmptyContextKeyListTurnsItOff() throws Exception {
    hikari = OutputsTesting.hikari(name, 1, 1000);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(Duration.ofMillis(300))
        .contextKeys(List.of()).build());
    Connection held = inRequest(TRACE, null, ds::getConnection);
    ILoggingEvent suspected = logs.await("connection.leak.suspected", LogCapture.pool(name), 1, 10).get(0);
    assertThat(LogCapture.kvs(suspected)).doesNotContainKeys("trace_id", "span_id");
    assertThat(suspected.getFormattedMessage()).doesNotContain(TRACE);
    held.close();
  }
}
