package dev.leash.it.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: the driver must work, with no {@code NoClassDefFoundError} anywhere, on a class
 * path without it. Runs {@link NoMicrometerCheck} in a fresh JVM whose class path holds only Leash's
 * classes, H2, SLF4J and the check itself.
 */
class NoMicrometerTest {

  @Test
  void driverWorksWithoutMicrometer() throws Exception {
    List<String> classPath = new ArrayList<>();
    classPath.add(Paths.get("target", "classes").toAbsolutePath().toString());
    classPath.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String file = Paths.get(entry).getFileName().toString();
      if (file.startsWith("h2-") || file.startsWith("slf4j-api-")) {
        classPath.add(entry);
      }
    }
    assertThat(classPath).hasSize(4);
    assertThat(String.join(File.pathSeparator, classPath)).doesNotContain("micrometer");

    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath),
        NoMicrometerCheck.class.getName()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).as(output).contains("micrometer absent", "url mode ok", "datasource mode ok", "leash outputs ok");
    assertThat(output).doesNotContain("NoClassDefFoundError", "unavailable", "Exception");
    assertThat(p.exitValue()).as(output).isZero();
  }
}
