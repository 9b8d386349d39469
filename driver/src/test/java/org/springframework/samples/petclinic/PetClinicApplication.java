package org.springframework.samples.petclinic;

import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A miniature of Spring's petclinic, in its package (which sits under {@code org.springframework}): Spring Boot,
 * Spring MVC, Spring Data JPA over HikariCP, open session in view on (Spring Boot's default). Its data source is
 * wrapped with {@link LeashDataSource} after Spring Boot has configured it, as the starter does.
 */
@SpringBootApplication
public class PetClinicApplication {

  /** The leak threshold the wrapped data source uses. */
  public static final Duration LEAK_THRESHOLD = Duration.ofMillis(500);

  @Bean
  static BeanPostProcessor leashDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource && !(bean instanceof LeashDataSource)
            ? LeashDataSource.wrap((DataSource) bean, LeashConfig.builder().leakThreshold(LEAK_THRESHOLD).build())
            : bean;
      }
    };
  }
}
