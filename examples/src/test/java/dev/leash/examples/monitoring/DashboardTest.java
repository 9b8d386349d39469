package dev.leash.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.examples.MetricsEndpoint;
import dev.leash.jdbc.LeashDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code monitoring/grafana/leash-dashboard.json}: every query names only series that Leash really
 * exports, taken from a real scrape of the shop's {@code /metrics} endpoint, and every panel follows the
 * pool selector. (The end-to-end test also runs each query against a real Prometheus.)
 */
class DashboardTest {

  @Test
  void everyQueryNamesASeriesOfARealScrapeAndFollowsThePoolSelector() throws Exception {
    Set<String> exported = scrapedSeries();
    Dashboard dashboard = Dashboard.load();
    List<String> queries = dashboard.panelQueries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);

    Set<String> named = new LinkedHashSet<>();
    for (String q : queries) {
      Set<String> series = Dashboard.seriesIn(q);
      assertThat(series).as("a Leash series in: %s", q).isNotEmpty();
      assertThat(exported).as("series of %s in a real scrape", q).containsAll(series);
      assertThat(q).as("follows the pool and instance selectors")
          .contains("db_client_connection_pool_name=~\"$pool\"").contains("instance=~\"$instance\"");
      named.addAll(series);
    }
    assertThat(named).as("the panels the dashboard promises").contains(
        "db_client_connection_count", "db_client_connection_max", "db_client_connection_pending_requests",
        "db_client_connection_wait_time_seconds_bucket", "db_client_connection_use_time_seconds_bucket",
        "db_client_connection_timeouts_total", "leash_leaks_total");
    assertThat(queries).anyMatch(q -> q.contains("db_client_connection_state=\"used\""))
        .anyMatch(q -> q.contains("db_client_connection_state=\"idle\""));

    List<String> variables = dashboard.variableQueries();
    assertThat(variables).anyMatch(v -> v.startsWith("label_values(") && v.endsWith(", db_client_connection_pool_name)"));
    for (String v : variables) {
      assertThat(exported).containsAll(Dashboard.seriesIn(v));
    }
  }

  /** The series names of one real scrape, after a few borrows through a wrapped HikariCP pool. */
  private static Set<String> scrapedSeries() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setPoolName("dashboard-pool");
    config.setJdbcUrl("jdbc:h2:mem:dashboard_test;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(2);
    try (HikariDataSource hikari = new HikariDataSource(config); MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
      DataSource db = LeashDataSource.wrap(hikari, LeashConfig.defaults());
      try (Connection first = db.getConnection()) {
        first.isValid(1);
      }
      // Leash binds its meters to the global registry before the first lease begins, on the thread that
      // takes it (only the JMX MBean starts on a thread of its own): the scrape below has them.
      for (int i = 0; i < 3; i++) {
        try (Connection c = db.getConnection()) {
          c.isValid(1);
        }
      }
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.url()))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Set<String> names = new LinkedHashSet<>();
      for (String line : body.split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          int end = line.indexOf('{');
          names.add(line.substring(0, end > 0 ? end : line.indexOf(' ')));
        }
      }
      assertThat(names).as("the scrape has Leash's meters:%n%s", body).contains("db_client_connection_count");
      return names;
    }
  }
}
