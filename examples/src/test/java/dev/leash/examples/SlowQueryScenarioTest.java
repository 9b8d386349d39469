package dev.leash.examples;

import static dev.leash.examples.LeashLog.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Shop slow-query}, shortened: long reports are busy, not leaked; the exhaustion is slow_queries. */
class SlowQueryScenarioTest {

  @Test
  void longReportsAreHeldBusyNotLeaksAndTheExhaustionIsSlowQueries() throws Exception {
    String reportSite = Sources.site("ReportService", "salesReport", "db.getConnection()");
    try (LeashLog log = LeashLog.capture()) {
      Outcome out = Scenarios.run(Options.parse("slow-query", "--duration", "3s"));
      String schema = out.schemas.get(0);

      List<ILoggingEvent> busy = log.await(Duration.ofSeconds(3), schema, e -> reportSite.equals(kv(e, "site")), "connection.held.busy");
      assertThat(busy).as("connection.held.busy for the reports at %s", reportSite).isNotEmpty();
      assertThat(busy.get(0).getLevel()).isEqualTo(Level.INFO);
      assertThat(busy.get(0).getFormattedMessage()).contains("busy in a statement").contains(reportSite);

      List<ILoggingEvent> exhausted = log.await(Duration.ofSeconds(3), schema, e -> true, "pool.exhausted");
      assertThat(exhausted).as("pool.exhausted while the shoppers wait").isNotEmpty();
      assertThat(kv(exhausted.get(0), "diagnosis")).as("diagnosis; report:%n%s", exhausted.get(0).getFormattedMessage())
          .isEqualTo("slow_queries");
      assertThat(exhausted.get(0).getFormattedMessage()).contains(reportSite);

      assertThat(log.events("connection.leak.suspected", schema)).as("false leak alarms for busy reports").isEmpty();
      assertThat(out.heldBusy).isEqualTo(log.events("connection.held.busy", schema).size());
    }
  }
}
