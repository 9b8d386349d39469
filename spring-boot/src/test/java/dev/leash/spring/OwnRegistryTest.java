package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An application that keeps its registry out of Micrometer's global one
 * ({@code management.metrics.use-global-registry=false}) still gets Leash's meters: the starter binds
 * them to Spring Boot's registry directly.
 */
@TestPropertySource(properties = {"spring.datasource.hikari.pool-name=own-registry", "management.metrics.use-global-registry=false"})
class OwnRegistryTest extends ShopTest {

  @Autowired
  DataSource dataSource;

  @Test
  void leashsMetersReachARegistryOutsideTheGlobalOne() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.isValid(1);
    }
    assertThat(Http.awaitPrometheus(port(), l -> l.startsWith("db_client_connection_use_time_seconds_count{")
        && l.contains("\"" + pool() + "\""))).isNotEmpty();
  }
}
