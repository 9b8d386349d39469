package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application whose Logback configuration has its root logger at ERROR silences Leash's WARN leak reports;
 * Leash says so once on stderr, naming the logger and the level to set.
 */
class SilencedLoggingIT {

  static Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void aRootLoggerAtErrorIsSaidOnce(String java) throws Exception {
    String config = Forked.TEST_CLASSES.resolve("logback-root-error.xml").toString();
    Forked.Run run = Forked.start(java, List.of(Forked.javaagent("leak.threshold=1s").get(0),
        "-Dlogback.configurationFile=" + config), Forked.fullClassPath(), "leakapp.Dbcp2Leak").await(60);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all).contains("program: done, holding 1").doesNotContain("Connection leak suspected");
    List<String> said = run.stderr().lines().filter(l -> l.startsWith("leash: ")).collect(Collectors.toList());
    // On a busy machine the pool's first connections can be slow: leash.pool's WARN is then silenced (and said) too.
    assertThat(said).as(all).allMatch(l -> l.startsWith("leash: the application's logging configuration silences logger "))
        .doesNotHaveDuplicates()
        .filteredOn(l -> l.contains("logger leash.pool")).hasSizeLessThanOrEqualTo(1);
    assertThat(said).as(all).filteredOn(l -> l.contains("logger leash.leak")).containsExactly("leash: the application's logging configuration silences logger leash.leak at WARN:"
        + " Leash's connection.leak.suspected report was not logged; set logger leash.leak to level WARN (or lower) to see"
        + " Leash's reports (said once)");
  }
}
