package dev.leash.spring;

import static dev.leash.spring.LeashLogs.event;
import static dev.leash.spring.LeashLogs.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.example.shop.CheckoutService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@code @Transactional} checkout that writes its audit record in a {@code REQUIRES_NEW} transaction
 * needs two connections at once; under load every connection is held by a checkout waiting for its
 * second, and the pool deadlocks until HikariCP's timeout. Leash says so: {@code nested_acquisition}.
 */
abstract class NestedTransactionScenario extends ShopTest {

  @Autowired
  CheckoutService checkout;

  @Test
  void requiresNewUnderLoadIsDiagnosedAsNestedAcquisition() throws Exception {
    List<Throwable> failures = concurrently(8, 6, checkout::place);

    ILoggingEvent exhausted = logs.await(event("pool.exhausted", pool()).and(e -> "nested_acquisition".equals(kv(e, "diagnosis"))),
        Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError(
            "no pool.exhausted with nested_acquisition for " + pool() + " (" + failures.size() + " checkouts failed) in:\n" + logs.dump()));
    assertThat(kv(exhausted, "max")).isEqualTo("4");
    assertThat(exhausted.getFormattedMessage()).contains("nested_acquisition");
    assertThat(logs.all()).anyMatch(event("connection.nested", pool()));
    assertThat(failures).as("the deadlock ends in the pool's timeouts, as without Leash").isNotEmpty();
  }
}
