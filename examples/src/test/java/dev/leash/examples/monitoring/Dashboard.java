package dev.leash.examples.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of {@code monitoring/grafana/leash-dashboard.json}, and the meters they name. */
final class Dashboard {

  /** A Prometheus series name of Leash's: OpenTelemetry's db.client.connection.* and Leash's own leash.*. */
  static final Pattern LEASH_SERIES = Pattern.compile("\\b((?:db_client_connection|leash)_[a-z_]+)\\b");

  final JsonNode json;

  private Dashboard(JsonNode json) {
    this.json = json;
  }

  static Dashboard load() throws IOException {
    return new Dashboard(new ObjectMapper().readTree(Monitoring.dashboard().toFile()));
  }

  /** Every panel's PromQL expression. */
  List<String> panelQueries() {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asText());
      }
    }
    return out;
  }

  /** The queries of the template variables ({@code label_values(...)}). */
  List<String> variableQueries() {
    List<String> out = new ArrayList<>();
    for (JsonNode v : json.path("templating").path("list")) {
      if ("query".equals(v.path("type").asText())) {
        out.add(v.path("query").path("query").asText());
      }
    }
    return out;
  }

  /** The series names a query reads (label names such as db_client_connection_pool_name are not series). */
  static Set<String> seriesIn(String promql) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = LEASH_SERIES.matcher(promql);
    while (m.find()) {
      String name = m.group(1);
      if (!name.equals("db_client_connection_pool_name") && !name.equals("db_client_connection_state")) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * {@code promql} as Grafana would send it for one pool: {@code $pool} and {@code $instance} filled in,
   * {@code $__rate_interval} as one minute.
   */
  static String forPool(String promql, String pool) {
    return promql.replace("$pool", pool).replace("$instance", ".*").replace("$__rate_interval", "1m");
  }
}
