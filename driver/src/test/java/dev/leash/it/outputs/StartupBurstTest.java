package dev.leash.it.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Meters count from the first connection of the process on: the {@value StartupBurstCheck#BURST}
 * connections an application takes and closes right after it starts are all in
 * {@code db.client.connection.use_time}. Each mode runs {@link StartupBurstCheck} in a fresh JVM, because
 * what is tested is the first connection Leash ever sees.
 */
class StartupBurstTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"wrapped", "url"})
  void everyLeaseOfTheStartupBurstIsMetered(String mode) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StartupBurstCheck.class.getName(), mode)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("burst=50 use_time.count=50");
  }
}
