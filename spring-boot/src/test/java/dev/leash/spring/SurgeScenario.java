package dev.leash.spring;

import static dev.leash.spring.LeashLogs.event;
import static dev.leash.spring.LeashLogs.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.shop.CatalogService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A traffic surge on a pool of three: every request is short and busy in its query, there are just more
 * of them than connections. Leash says {@code pool_too_small}, with the demand it measured.
 */
abstract class SurgeScenario extends ShopTest {

  @Autowired
  CatalogService catalog;

  @Test
  void aSurgeIsDiagnosedAsPoolTooSmall() throws Exception {
    List<Throwable> failures = concurrently(40, 5, request -> catalog.browse());

    ILoggingEvent exhausted = logs.await(event("pool.exhausted", pool()), Duration.ofSeconds(30))
        .orElseThrow(() -> new AssertionError("no pool.exhausted for " + pool() + " in:\n" + logs.dump()));
    assertThat(kv(exhausted, "diagnosis")).as(exhausted.getFormattedMessage()).isEqualTo("pool_too_small");
    assertThat(kv(exhausted, "max")).isEqualTo("3");
    assertThat(failures).as("every request was served, only late").isEmpty();

    // The endpoint's last diagnosis is the last one logged: the same record, read without the log.
    List<ILoggingEvent> reports = logs.quietThen(event("pool.exhausted", pool()), Duration.ofSeconds(1));
    ILoggingEvent last = reports.get(reports.size() - 1);
    Http.Response r = Http.get(port(), "/actuator/leash/" + pool());
    assertThat(r.json().get("lastDiagnosis").get("diagnosis").asText()).isEqualTo(kv(last, "diagnosis"));
    assertThat(r.json().get("lastDiagnosis").get("max").asInt()).isEqualTo(3);
  }
}
