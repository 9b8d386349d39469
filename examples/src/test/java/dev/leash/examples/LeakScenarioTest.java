package dev.leash.examples;

import static dev.leash.examples.LeashLog.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Shop leak} (incident 003), shortened: the pool drains through a leak, and Leash names the line. */
class LeakScenarioTest {

  @Test
  void leakOnH2IsReportedWithTheLineThatTookTheConnection() throws Exception {
    try (LeashLog log = LeashLog.capture()) {
      Outcome out = Scenarios.run(Options.parse("leak", "--duration", "4s"));
      assertLeakReported(log, out);
    }
  }

  @Test
  void leakOnPostgresqlIsReportedWithTheLineThatTookTheConnection() throws Exception {
    Postgres.assumeReachable();
    try (LeashLog log = LeashLog.capture()) {
      Outcome out = Scenarios.run(Options.parse("leak", "--db", "postgres", "--duration", "4s"));
      assertLeakReported(log, out);
    }
  }

  @Test
  void leakWithLeashOnlyInThePoolsUrlIsReportedAsPoolExhaustedWithDiagnosisLeak() throws Exception {
    try (LeashLog log = LeashLog.capture()) {
      Outcome out = Scenarios.run(Options.parse("leak", "--leash-url", "--duration", "4s"));
      assertLeakReported(log, out, Sources.leakSiteInUrlMode());
      ILoggingEvent report = log.await(Duration.ofSeconds(1), out.schemas.get(0), e -> true, "pool.exhausted").get(0);
      assertThat(report.getFormattedMessage())
          .as("the pool's waiters, found by the watchdog, and the line they wait at")
          .contains("inside HikariCP getConnection()")
          .contains("x " + Sources.leakSite());
    }
  }

  static void assertLeakReported(LeashLog log, Outcome out) throws Exception {
    assertLeakReported(log, out, Sources.leakSite());
  }

  static void assertLeakReported(LeashLog log, Outcome out, String site) throws Exception {
    String schema = out.schemas.get(0);
    Traffic traffic = out.runs.get(0);
    assertThat(traffic.declined()).as("declined payments, each of which leaks a connection").isPositive();
    assertThat(traffic.timedOut()).as("pool timeouts once the leaks have drained the pool").isPositive();

    List<ILoggingEvent> exhausted = log.await(Duration.ofSeconds(5), schema, e -> true, "pool.exhausted");
    assertThat(exhausted).as("pool.exhausted for this run's pool").isNotEmpty();
    ILoggingEvent report = exhausted.get(0);
    assertThat(report.getLevel()).isEqualTo(Level.ERROR);
    assertThat(report.getLoggerName()).isEqualTo("leash.pool");
    assertThat(report.getFormattedMessage()).contains("Holders:").contains(site);

    // Leash says "suspected" once a lost connection has been idle for the threshold, or "confirmed"
    // (stronger) when the garbage collector got to it first; either way it names the line.
    List<ILoggingEvent> leaks = log.await(Duration.ofSeconds(8), schema, e -> site.equals(kv(e, "site")),
        "connection.leak.suspected", "connection.leak.confirmed");
    assertThat(leaks).as("a leak report naming %s", site).isNotEmpty();
    assertThat(leaks.get(0).getFormattedMessage()).contains(site);
    // Each visit is a traced request: the report names the request that leaked, one whose payment was declined.
    for (ILoggingEvent leak : leaks) {
      Object traceId = kv(leak, "trace_id");
      assertThat(traceId).as("trace_id of %s", leak.getFormattedMessage()).isIn(traffic.declinedTraces.toArray());
      assertThat(leak.getFormattedMessage()).endsWith(" span_id=" + kv(leak, "span_id")).contains(" trace_id=" + traceId + " ");
    }

    assertThat(kv(report, "diagnosis"))
        .as("diagnosis of a pool drained by connections leaked at %s. Known driver issue when this fails with"
            + " pool_too_small: leases the GC already confirmed as leaked leave the holders list (HikariCP still counts"
            + " them active) and their hold time inflates the pool's mean hold, so the 'idle > 10x mean hold' rule"
            + " stops firing. The report was:%n%s", site, report.getFormattedMessage())
        .isEqualTo("leak");
  }
}
