package dev.leash.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --json} (in a child JVM: it reconfigures Logback for the whole process): Leash's events as JSON objects. */
class JsonLogTest {

  @Test
  void jsonSwitchesLeashReportsToOneJsonObjectPerEvent() throws Exception {
    List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Shop.class.getName(), "leak", "--json", "--duration", "2s");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = String.join("\n", lines);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(lines).as("every line is the shop's story or one JSON object; output:%n%s", output)
        .allMatch(l -> l.startsWith("[shop] ") || (l.startsWith("{") && l.endsWith("}")));
    assertThat(lines).as("pool.exhausted as JSON with its key-values and readable message")
        .anyMatch(l -> l.contains("{\"event\":\"pool.exhausted\"}") && l.contains("{\"diagnosis\":")
            && l.contains("\"formattedMessage\":\"Pool exhausted [pool.exhausted]: shop-pool"));
  }
}
