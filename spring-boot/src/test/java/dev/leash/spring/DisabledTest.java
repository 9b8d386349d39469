package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.ShopApplication;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.jdbc.LeashDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** {@code leash.enabled=false}: the data source is the pool itself and there is no endpoint, even when exposed. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "leash.enabled=false", "management.endpoints.web.exposure.include=leash", "spring.datasource.hikari.pool-name=disabled"})
class DisabledTest {

  @Autowired
  DataSource dataSource;

  @Autowired
  ApplicationContext context;

  @Test
  void nothingIsWrapped() throws Exception {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    assertThat(dataSource.isWrapperFor(LeashDataSource.class)).isFalse();
    assertThat(context.getBeansOfType(LeashEndpoint.class)).isEmpty();
  }
}
