package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.ShopApplication;
import dev.leash.jdbc.LeashDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** The holders' stacks and thread names are for operators: {@code /actuator/leash} is not served until the user exposes it. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.hikari.pool-name=not-exposed")
class NotExposedTest {

  @Autowired
  Environment environment;

  @Autowired
  DataSource dataSource;

  @Test
  void theEndpointIsNotExposedByDefault() throws Exception {
    int port = environment.getRequiredProperty("local.server.port", Integer.class);
    assertThat(dataSource.isWrapperFor(LeashDataSource.class)).isTrue();
    assertThat(Http.get(port, "/actuator/health").status()).isEqualTo(200);
    assertThat(Http.get(port, "/actuator/leash").status()).isEqualTo(404);
    assertThat(Http.get(port, "/actuator").body()).doesNotContain("leash");
  }
}
