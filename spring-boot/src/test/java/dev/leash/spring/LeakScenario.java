package dev.leash.spring;

import static dev.leash.spring.LeashLogs.event;
import static dev.leash.spring.LeashLogs.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.shop.ReportService;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.Reference;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A {@code @Service} method that never closes its connection is reported with its line, in the log and at /actuator/leash. */
abstract class LeakScenario extends ShopTest {

  @Autowired
  ReportService reports;

  @Test
  void aLeakingServiceMethodIsReportedNamingItsLine() throws Exception {
    ResultSet cursor = reports.openOrderCursor(); // and never closes its connection
    String site = "com.example.shop.ReportService.openOrderCursor(ReportService.java:" + ReportService.leakLine + ")";

    ILoggingEvent leak = logs.await(event("connection.leak.suspected", pool()), Duration.ofSeconds(30))
        .orElseThrow(() -> new AssertionError("no connection.leak.suspected for " + pool() + " in:\n" + logs.dump()));
    assertThat(leak.getLevel()).isEqualTo(Level.WARN);
    assertThat(leak.getLoggerName()).isEqualTo("leash.leak");
    assertThat(kv(leak, "site")).isEqualTo(site);
    assertThat(leak.getFormattedMessage()).contains(site);
    assertThat(leak.getThrowableProxy()).as("the acquisition stack").isNotNull();

    Http.Response r = Http.get(port(), "/actuator/leash/" + pool());
    assertThat(r.status()).isEqualTo(200);
    JsonNode holders = r.json().get("holders");
    assertThat(holders).hasSize(1);
    assertThat(holders.get(0).get("site").asText()).isEqualTo(site);
    assertThat(holders.get(0).get("count").asInt()).isEqualTo(1);
    assertThat(holders.get(0).get("idle").asInt()).isEqualTo(1);
    assertThat(holders.get(0).get("heldMinMs").asLong()).isGreaterThanOrEqualTo(1000);
    // Leash's leak counter in Spring Boot's registry, counted once (not once more per registry path)
    List<String> suspected = Http.awaitPrometheus(port(), l -> l.startsWith("leash_leaks_total{") && l.contains("suspected")
        && l.contains("\"" + pool() + "\""));
    assertThat(suspected).singleElement().asString().endsWith(" 1.0");
    Reference.reachabilityFence(cursor); // still referenced: the lease stays open (suspected), not collected (confirmed)
  }
}
