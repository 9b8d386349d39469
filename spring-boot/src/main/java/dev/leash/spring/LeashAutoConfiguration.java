package dev.leash.spring;

import dev.leash.metrics.LeashMetrics;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Leash for a Spring Boot application, from one dependency: every {@link DataSource} bean wrapped with
 * {@code LeashDataSource} ({@link LeashDataSourceWrapper}), {@code leash.*} read from the application's
 * configuration ({@link LeashProperties}), Leash's meters in Spring Boot's registry, and the Actuator
 * endpoint {@code leash} ({@link LeashEndpoint}) when Actuator is present and the endpoint is exposed.
 * {@code leash.enabled=false} turns all of it off.
 *
 * <p>Nothing here names a Spring Boot JDBC class: Spring Boot 4 moved those to new modules and
 * packages, and the wrapper needs only {@code javax.sql.DataSource}, so one jar serves 3.5 and 4.x.
 */
@AutoConfiguration
@ConditionalOnClass(DataSource.class)
@ConditionalOnProperty(name = LeashProperties.ENABLED, havingValue = "true", matchIfMissing = true)
public class LeashAutoConfiguration {

  /**
   * Static, as a post-processor must be (it is created before other beans). Reading the configuration
   * here makes a bad {@code leash.*} value stop the start-up at once, even before any data source.
   */
  @Bean
  static LeashDataSourceWrapper leashDataSourceWrapper(Environment environment) {
    return new LeashDataSourceWrapper(LeashProperties.load(environment));
  }

  /** {@code /actuator/leash}, when Actuator is on the class path and the endpoint is available. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  static class EndpointConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint
    LeashEndpoint leashEndpoint(ListableBeanFactory beans) {
      return new LeashEndpoint(beans);
    }
  }

  /**
   * Leash registers its meters in Micrometer's global registry, which Spring Boot's registry joins by
   * default ({@code management.metrics.use-global-registry=true}). An application that turned that off
   * gets them bound to its registry directly; binding both ways would count every event twice.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnProperty(name = "management.metrics.use-global-registry", havingValue = "false")
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "leash.metrics", havingValue = "true", matchIfMissing = true)
    LeashMetrics leashMetrics() {
      return new LeashMetrics();
    }
  }
}
