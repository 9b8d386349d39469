package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The auto-configuration on its own, in small contexts: what it wraps and what it leaves alone, and that it
 * needs neither Actuator nor Micrometer on the class path.
 */
class AutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LeashAutoConfiguration.class));

  @Test
  void aPlainDataSourceBeanIsWrappedAndStillUnwrapsToItself() {
    runner.withBean("dataSource", DataSource.class, AutoConfigurationTest::h2).run(context -> {
      DataSource ds = context.getBean(DataSource.class);
      assertThat(ds).isInstanceOf(LeashDataSource.class);
      assertThat(ds.unwrap(JdbcDataSource.class).getURL()).startsWith("jdbc:h2:mem:autoconfig");
      assertThat(context).as("not exposed: no endpoint bean").doesNotHaveBean(LeashEndpoint.class);
    });
  }

  @Test
  void theEndpointExistsOnceExposed() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=leash")
        .withBean("dataSource", DataSource.class, AutoConfigurationTest::h2)
        .run(context -> assertThat(context).hasSingleBean(LeashEndpoint.class));
  }

  @Test
  void aBeanThatIsOrWrapsLeashIsLeftAlone() {
    DataSource leash = LeashDataSource.wrap(h2(), LeashConfig.defaults());
    runner.withBean("leashed", DataSource.class, () -> leash)
        .withBean("proxied", TransactionAwareDataSourceProxy.class,
            () -> new TransactionAwareDataSourceProxy(LeashDataSource.wrap(h2(), LeashConfig.defaults())))
        .run(context -> {
          assertThat(context.getBean("leashed")).isSameAs(leash);
          assertThat(context.getBean("proxied")).isInstanceOf(TransactionAwareDataSourceProxy.class);
        });
  }

  @Test
  void withoutActuatorOrMicrometerTheDataSourceIsStillWrapped() {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer"))
        .withPropertyValues("management.metrics.use-global-registry=false", "management.endpoints.web.exposure.include=leash")
        .withBean("dataSource", DataSource.class, AutoConfigurationTest::h2)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(DataSource.class)).isInstanceOf(LeashDataSource.class);
          assertThat(context).doesNotHaveBean(LeashEndpoint.class);
        });
  }

  @Test
  void leashEnabledFalseWrapsNothing() {
    runner.withPropertyValues("leash.enabled=false").withBean("dataSource", DataSource.class, AutoConfigurationTest::h2)
        .run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(JdbcDataSource.class));
  }

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:autoconfig" + System.nanoTime());
    return ds;
  }
}
