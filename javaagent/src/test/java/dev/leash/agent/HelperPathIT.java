package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under the agent, a leak taken through a helper that other code paths use correctly is reported with its
 * own stack and its path: {@code Db.open <- checkout}, never the stack of the first path seen there ({@code browse}).
 */
class HelperPathIT {

  static Stream<Arguments> javas() {
    return Forked.javas().map(java -> Arguments.of(Forked.label(java), java));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javas")
  void leakThroughAHelperNamesTheCheckoutPathAndItsOwnStack(String jdk, String java) throws Exception {
    Forked.Run run = Forked.start(java, Forked.javaagent("leak.threshold=1s"), Forked.fullClassPath(), "leakapp.HelperPathLeak")
        .await(90);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();

    String site = "leakapp.HelperPathLeak$Db.open(HelperPathLeak.java:" + line("// SITE") + ")";
    String path = site + " <- leakapp.HelperPathLeak$Checkout.checkout(HelperPathLeak.java:" + Forked.leakLine("HelperPathLeak") + ")";
    List<String> suspected = run.stdoutLines("Connection leak suspected");
    assertThat(suspected).as(all).hasSize(1);
    assertThat(suspected.get(0)).as(all).contains("taken at " + path).contains("site=\"" + site + "\"")
        .contains("path=\"" + path + "\"").doesNotContain("Browse", "Search");

    // The acquisition stack Logback prints under the line: this lease's own.
    String out = run.stdout();
    String stack = out.substring(out.indexOf(suspected.get(0)) + suspected.get(0).length());
    stack = stack.substring(0, stack.contains("program: done") ? stack.indexOf("program: done") : stack.length());
    assertThat(stack).as(all).contains("HelperPathLeak$Checkout.checkout(HelperPathLeak.java:")
        .doesNotContain("HelperPathLeak$Browse", "HelperPathLeak$Search");
  }

  private static int line(String marker) throws Exception {
    List<String> lines = Files.readAllLines(Forked.TEST_SOURCES.resolve("leakapp").resolve("HelperPathLeak.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + marker);
  }
}
