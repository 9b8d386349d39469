package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * The same tests run on each Spring Boot line (this module on 3.5, {@code spring-boot/boot4} on 4.x);
 * this one proves which line a run had, so a build change cannot quietly test one line twice.
 */
class SpringBootLineTest {

  @Test
  void theApplicationsRunOnTheSpringBootLineTheBuildChose() {
    String expected = System.getProperty("expectedSpringBootVersion");
    assertThat(expected).as("set by the module's surefire configuration").isNotBlank();
    assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
  }
}
