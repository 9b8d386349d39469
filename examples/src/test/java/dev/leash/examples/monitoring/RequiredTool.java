package dev.leash.examples.monitoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools the monitoring tests run ({@code promtool}, {@code prometheus}: Debian's
 * {@code prometheus} package, which {@code .ci/run} installs), and the rule for when one is missing:
 * the test is skipped with a message saying so, unless {@code CI=true} or {@value #REQUIRE_ENV}{@code =1},
 * where it fails, so that CI can never pass without having run them.
 */
enum RequiredTool {
  PROMTOOL("promtool"),
  PROMETHEUS("prometheus");

  /** Environment variable that turns a missing tool from a skip into a failure (CI=true does too). */
  static final String REQUIRE_ENV = "LEASH_REQUIRE_TOOLS";

  private final String command;

  RequiredTool(String command) {
    this.command = command;
  }

  /** The tool's executable; skips or fails the calling test when it is not on the PATH. */
  Path require() {
    Path found = find();
    if (found != null) {
      return found;
    }
    String why = "'" + command + "' is not on the PATH; install it with: apt-get install -y prometheus"
        + " (Debian's package has both prometheus and promtool)";
    if ("true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv(REQUIRE_ENV))) {
      Assertions.fail(why + " [required: CI=true or " + REQUIRE_ENV + "=1]");
    }
    Assumptions.abort("Skipped: " + why + " (set " + REQUIRE_ENV + "=1 to make this a failure)");
    return null;
  }

  private Path find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Paths.get(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
