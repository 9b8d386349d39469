package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.ExportService;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.jdbc.LeashDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /actuator/leash} over real HTTP while two requests hold connections, and Spring Boot's own view
 * of the pool (HikariCP meters, pool metadata, health) unchanged by the wrapper; Leash's meters in
 * Spring Boot's registry, as the Prometheus endpoint shows them.
 */
abstract class EndpointScenario extends ShopTest {

  @Autowired
  ExportService exports;

  @Autowired
  DataSource dataSource;

  @Test
  void theDataSourceBeanIsWrappedAndStillUnwrapsToTheHikariPool() throws Exception {
    assertThat(dataSource).isInstanceOf(LeashDataSource.class);
    assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
    assertThat(dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo(pool());
    assertThat(dataSource.unwrap(HikariConfigMXBean.class).getMaximumPoolSize()).isEqualTo(6);
  }

  @Test
  void theEndpointListsTheHoldersAndSpringBootsPoolMetersStillAnswer() throws Exception {
    CountDownLatch read = new CountDownLatch(2);
    CountDownLatch downstreamDone = new CountDownLatch(1);
    List<Thread> holders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String traceId = "4bf92f3577b34da6a3ce929d0e0e473" + i;
      Thread t = new Thread(() -> {
        org.slf4j.MDC.put("trace_id", traceId); // a traced request, as the OpenTelemetry agent leaves it in the MDC
        try {
          exports.export(read, downstreamDone);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          org.slf4j.MDC.remove("trace_id");
        }
      }, "export-" + i);
      t.start();
      holders.add(t);
    }
    try {
      // both holders are past their statement: idle, not busy, while they wait for the downstream system
      assertThat(read.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      awaitActive(2);
      String site = "com.example.shop.ExportService.export(ExportService.java:" + ExportService.acquireLine + ")";

      Http.Response all = Http.get(port(), "/actuator/leash");
      assertThat(all.status()).isEqualTo(200);
      JsonNode pool = null;
      for (JsonNode p : all.json().get("pools")) {
        if (p.get("name").asText().equals(pool())) {
          pool = p;
        }
      }
      assertThat(pool).as(all.body()).isNotNull();
      assertThat(pool.get("dataSource").asText()).isEqualTo("dataSource");
      assertThat(pool.get("inUse").asInt()).isEqualTo(2);
      assertThat(pool.get("max").asInt()).isEqualTo(6);
      assertThat(pool.get("active").asInt()).isEqualTo(2);
      assertThat(pool.get("lastDiagnosis").isNull()).isTrue();
      JsonNode group = pool.get("holders").get(0);
      assertThat(pool.get("holders")).hasSize(1);
      assertThat(group.get("site").asText()).isEqualTo(site);
      assertThat(group.get("count").asInt()).isEqualTo(2);
      assertThat(group.get("busy").asInt()).isZero();
      assertThat(group.get("threads")).extracting(JsonNode::asText).containsExactlyInAnyOrder("export-0", "export-1");
      assertThat(group.get("stack").get(0).asText()).isNotBlank();
      assertThat(group.has("path")).isTrue();
      assertThat(group.get("context")).as("the requests holding the connections (leash.context.keys)")
          .extracting(c -> c.get("trace_id").asText())
          .containsExactlyInAnyOrder("4bf92f3577b34da6a3ce929d0e0e4730", "4bf92f3577b34da6a3ce929d0e0e4731");

      assertThat(Http.get(port(), "/actuator/leash/" + pool()).json().get("holders").get(0).get("count").asInt()).isEqualTo(2);
      assertThat(Http.get(port(), "/actuator/leash/dataSource").json().get("name").asText()).isEqualTo(pool());
      assertThat(Http.get(port(), "/actuator/leash/no-such-pool").status()).isEqualTo(404);

      // Spring Boot's HikariCP meters and pool metadata unwrap through Leash to the pool
      Http.Response active = Http.get(port(), "/actuator/metrics/hikaricp.connections.active");
      assertThat(active.status()).as(active.body()).isEqualTo(200);
      assertThat(active.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(2.0);
      Http.Response max = Http.get(port(), "/actuator/metrics/hikaricp.connections.max");
      assertThat(max.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(6.0);
      Http.Response metadataMax = Http.get(port(), "/actuator/metrics/jdbc.connections.max");
      assertThat(metadataMax.status()).as(metadataMax.body()).isEqualTo(200);
      assertThat(metadataMax.json().get("measurements").get(0).get("value").asDouble()).isEqualTo(6.0);
      Http.Response health = Http.get(port(), "/actuator/health");
      assertThat(health.status()).as(health.body()).isEqualTo(200);
      assertThat(health.json().get("components").get("db").get("status").asText()).isEqualTo("UP");

      // Leash's meters reach Spring Boot's registry (through Micrometer's global registry)
      Http.Response prometheus = Http.get(port(), "/actuator/prometheus");
      assertThat(prometheus.status()).isEqualTo(200);
      assertThat(prometheus.body().lines()).anyMatch(l -> l.startsWith("db_client_connection_count{") && l.contains(pool()));
      assertThat(prometheus.body().lines()).anyMatch(l -> l.startsWith("db_client_connection_use_time_seconds_count{") && l.contains(pool()));
      assertThat(prometheus.body().lines()).anyMatch(l -> l.startsWith("hikaricp_connections_active{") && l.contains(pool()));
    } finally {
      downstreamDone.countDown();
      for (Thread t : holders) {
        t.join(30_000);
      }
    }
    assertThat(Http.get(port(), "/actuator/leash/" + pool()).json().get("holders")).isEmpty();
  }

  private void awaitActive(int n) throws Exception {
    HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (hikari.getHikariPoolMXBean().getActiveConnections() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(hikari.getHikariPoolMXBean().getActiveConnections()).isEqualTo(n);
  }
}
