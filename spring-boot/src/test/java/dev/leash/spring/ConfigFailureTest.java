package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.shop.ShopApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code leash.*} in the application's configuration is explicit: a bad value or a misspelt key stops
 * the start-up with Spring Boot's failure report, naming the key, what is allowed and where it was
 * written. Relaxed binding: YAML-style nesting and command-line arguments count the same.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigFailureTest {

  @Test
  void aBadValueStopsTheApplicationNamingTheKey(CapturedOutput output) {
    assertThatThrownBy(() -> start("--leash.leak.threshold=5x")).hasRootCauseInstanceOf(dev.leash.config.LeashConfigException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("leash.leak.threshold: '5x' (Spring Boot property) is not a duration; use 250ms, 30s, 5m or PT30S")
        .contains("Origin: \"leash.leak.threshold\" from property source \"commandLineArgs\"")
        .contains("Correct or remove leash.leak.threshold in your application's configuration.");
  }

  @Test
  void aMisspeltKeyStopsTheApplicationWithTheKeyItProbablyMeant(CapturedOutput output) {
    assertThatThrownBy(() -> start("--leash.pool.wait.treshold=2s")).hasRootCauseInstanceOf(dev.leash.config.LeashConfigException.class);
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("leash.pool.wait.treshold: '2s' (Spring Boot property) is not a known key; did you mean leash.pool.wait.threshold?");
  }

  @Test
  void goodValuesReachTheDriversConfiguration() {
    try (ConfigurableApplicationContext app = start("--leash.leak.threshold=10s", "--leash.stack.depth=12",
        "--leash.site.exclude=com.example.util,com.example.db.")) {
      assertThat(LeashProperties.explicitValues(app.getEnvironment())).containsAllEntriesOf(Map.of(
          "leash.leak.threshold", "10s", "leash.stack.depth", "12", "leash.site.exclude", "com.example.util,com.example.db."));
      dev.leash.config.LeashConfig config = LeashProperties.load(app.getEnvironment());
      assertThat(config.leakThreshold()).hasSeconds(10);
      assertThat(config.stackDepth()).isEqualTo(12);
      assertThat(config.siteExcludes()).containsExactly("com.example.util", "com.example.db.");
    }
  }

  @Test
  void aYamlListIsOneCommaSeparatedValue() {
    try (ConfigurableApplicationContext app = start("--leash.site.exclude[1]=com.example.db.", "--leash.site.exclude[0]=com.example.util")) {
      assertThat(LeashProperties.load(app.getEnvironment()).siteExcludes()).containsExactly("com.example.util", "com.example.db.");
    }
  }

  @Test
  void aSystemPropertyOverridesTheApplicationsFilesAsInSpring() {
    System.setProperty("leash.stack.depth", "7");
    dev.leash.internal.config.ConfigLoader.resetForTests();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopApplication.class).web(WebApplicationType.NONE)
        .properties("spring.datasource.hikari.pool-name=config-" + System.nanoTime(), "leash.stack.depth=12",
            "leash.leak.threshold=10s").run()) {
      assertThat(LeashProperties.explicitValues(app.getEnvironment())).doesNotContainKey("leash.stack.depth");
      dev.leash.config.LeashConfig config = LeashProperties.load(app.getEnvironment());
      assertThat(config.stackDepth()).isEqualTo(7);
      assertThat(config.leakThreshold()).hasSeconds(10);
    } finally {
      System.clearProperty("leash.stack.depth");
      dev.leash.internal.config.ConfigLoader.resetForTests();
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(ShopApplication.class).web(WebApplicationType.NONE)
        .properties("spring.datasource.hikari.pool-name=config-" + System.nanoTime()).run(args);
  }
}
