package dev.leash.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leash's alert rules in a real Prometheus server scraping the shop example ({@code Shop <scenario>
 * --metrics-port N}, a JVM of its own) on 127.0.0.1, scrape and evaluation every second. During the
 * {@code leak} scenario the leak alert and the exhaustion alert reach {@code firing}, as Prometheus' HTTP API
 * shows them; during the {@code clean} scenario (same shoppers, every connection returned) no alert is even
 * pending. Each phase has its own Prometheus (own temp directory and port), killed at the end.
 */
class PrometheusEndToEndTest {

  /** Longer than the exhaustion alert's "for: 30s" after the pool drains, with room for a busy machine. */
  private static final int LEAK_SECONDS = 120;
  /** As long as the leak phase needed for its alerts to fire, so that a would-be alert would have too. */
  private static final int CLEAN_SECONDS = 45;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void duringTheLeakScenarioTheLeakAndExhaustionAlertsFire() throws Exception {
    Path prometheus = RequiredTool.PROMETHEUS.require();
    int shopPort = PrometheusServer.freePort();
    try (PrometheusServer server = PrometheusServer.start(prometheus, Monitoring.rules(), shopPort);
        ShopProcess shop = ShopProcess.start("leak", "--metrics-port", Integer.toString(shopPort),
            "--duration", LEAK_SECONDS + "s")) {
      assertThat(shop.awaitLine("Serving Leash's meters for Prometheus on http://127.0.0.1:" + shopPort, 60))
          .as("the shop serves /metrics; output:%n%s", shop.output()).isTrue();

      JsonNode leak = null;
      JsonNode exhausted = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEAK_SECONDS);
      while (System.nanoTime() < deadline && shop.isAlive() && (leak == null || exhausted == null)) {
        JsonNode alerts = server.alerts();
        leak = leak != null ? leak : firing(alerts, "LeashConnectionLeakSuspected", "LeashConnectionLeakConfirmed");
        exhausted = exhausted != null ? exhausted : firing(alerts, "LeashPoolExhausted");
        Thread.sleep(1000);
      }
      String context = "alerts: " + server.alerts() + "\nshop output (tail):\n" + tail(shop.output());
      assertThat(leak).as("a leak alert firing; %s", context).isNotNull();
      assertThat(exhausted).as("LeashPoolExhausted firing; %s", context).isNotNull();

      for (JsonNode alert : List.of(leak, exhausted)) {
        assertThat(alert.path("labels").path("db_client_connection_pool_name").asText()).isEqualTo("shop-pool");
        assertThat(alert.path("labels").path("instance").asText()).isEqualTo("127.0.0.1:" + shopPort);
        assertThat(alert.path("labels").path("job").asText()).isEqualTo("shop");
        assertThat(alert.path("labels").path("severity").asText()).isIn("critical", "warning");
        assertThat(alert.path("annotations").path("description").asText()).contains("shop-pool").contains("127.0.0.1:" + shopPort);
        assertThat(alert.path("annotations").path("runbook_url").asText()).isEqualTo("README.md#reading-leashs-reports");
      }
      assertThat(exhausted.path("labels").path("severity").asText()).isEqualTo("critical");
      System.out.println("Firing, as Prometheus' /api/v1/alerts showed them:\n"
          + new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(List.of(leak, exhausted)));

      // The dashboard's queries, as Grafana would send them for this pool, find Leash's series in this Prometheus.
      for (String query : Dashboard.load().panelQueries()) {
        JsonNode data = server.query(Dashboard.forPool(query, "shop-pool"));
        assertThat(data.path("result").size()).as("dashboard query returns series: %s", query).isPositive();
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void duringACleanRunNothingFires() throws Exception {
    Path prometheus = RequiredTool.PROMETHEUS.require();
    int shopPort = PrometheusServer.freePort();
    try (PrometheusServer server = PrometheusServer.start(prometheus, Monitoring.rules(), shopPort);
        ShopProcess shop = ShopProcess.start("clean", "--metrics-port", Integer.toString(shopPort),
            "--duration", CLEAN_SECONDS + "s")) {
      assertThat(shop.awaitLine("Serving Leash's meters for Prometheus on http://127.0.0.1:" + shopPort, 60))
          .as("the shop serves /metrics; output:%n%s", shop.output()).isTrue();

      List<String> seen = new ArrayList<>();
      int scrapedWhileRunning = 0;
      double borrows = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLEAN_SECONDS + 60);
      while (shop.isAlive() && System.nanoTime() < deadline) {
        JsonNode alerts = server.alerts();
        if (alerts.size() > 0) {
          seen.add(alerts.toString());
        }
        if (server.query("db_client_connection_count{job=\"shop\",db_client_connection_pool_name=\"shop-pool\"}")
            .path("result").size() > 0) {
          scrapedWhileRunning++;
        }
        JsonNode uses = server.query("sum(db_client_connection_use_time_seconds_count{job=\"shop\"})").path("result");
        if (uses.size() > 0) {
          borrows = Math.max(borrows, uses.get(0).path("value").get(1).asDouble());
        }
        Thread.sleep(1000);
      }
      assertThat(shop.awaitExit(30)).as("the clean scenario ends by itself; output:%n%s", tail(shop.output())).isZero();
      assertThat(scrapedWhileRunning).as("Prometheus had the shop's series during most of the run").isGreaterThan(CLEAN_SECONDS / 2);
      assertThat(borrows).as("the shop borrowed connections while Prometheus watched").isGreaterThan(100);
      assertThat(seen).as("no alert pending or firing during a clean run").isEmpty();
      for (JsonNode group : server.rules()) {
        for (JsonNode rule : group.path("rules")) {
          assertThat(rule.path("health").asText()).as("rule %s evaluated", rule.path("name").asText()).isEqualTo("ok");
          assertThat(rule.path("state").asText()).as(rule.path("name").asText()).isEqualTo("inactive");
        }
      }
    }
  }

  /** The first alert named one of {@code names} in state firing, or null. */
  private static JsonNode firing(JsonNode alerts, String... names) {
    for (JsonNode a : alerts) {
      if ("firing".equals(a.path("state").asText())) {
        for (String name : names) {
          if (name.equals(a.path("labels").path("alertname").asText())) {
            return a;
          }
        }
      }
    }
    return null;
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
  }
}
