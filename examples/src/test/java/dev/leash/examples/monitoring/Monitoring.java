package dev.leash.examples.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where the {@code monitoring/} files are, and a bounded way to run a tool over them. */
final class Monitoring {

  private Monitoring() {}

  /** {@code monitoring/} at the repository root (Surefire runs in the module directory). */
  static Path dir() {
    return Paths.get("..", "monitoring").toAbsolutePath().normalize();
  }

  static Path rules() {
    return dir().resolve("prometheus").resolve("leash-alerts.yml");
  }

  static Path ruleTests() {
    return dir().resolve("prometheus").resolve("leash-alerts.test.yml");
  }

  static Path dashboard() {
    return dir().resolve("grafana").resolve("leash-dashboard.json");
  }

  /** What a finished command said. */
  static final class Result {
    final int exitCode;
    final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  /** Runs {@code command} in {@code dir}, killing it after {@code timeoutSeconds}; output and errors together. */
  static Result run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Path log = Files.createTempFile("leash-tool", ".log");
    try {
      Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", args) + " did not finish in " + timeoutSeconds + " s; output:\n"
            + new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
