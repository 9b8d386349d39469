package dev.leash.spring;

import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link DataSource} bean with {@link LeashDataSource} once it is initialised, so its
 * {@code spring.datasource.*} properties were bound to the pool before: the pool stays exactly as
 * configured and Leash sees every borrow, wait and timeout. A bean that is already Leash's, or wraps one,
 * is left as it is. Runs last among the post-processors, so it wraps what the others produced.
 */
final class LeashDataSourceWrapper implements BeanPostProcessor, Ordered {

  private final LeashConfig config;

  LeashDataSourceWrapper(LeashConfig config) {
    this.config = config;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !alreadyLeash(dataSource)) {
      return LeashDataSource.wrap(dataSource, config);
    }
    return bean;
  }

  private static boolean alreadyLeash(DataSource dataSource) {
    if (dataSource instanceof LeashDataSource) {
      return true;
    }
    try {
      return dataSource.isWrapperFor(LeashDataSource.class);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
