package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under the agent, with no code change, an exhausted HikariCP pool is reported with the holders and the
 * diagnosis: the program leaks both connections of a pool of 2, and its third getConnection() times out.
 */
class PoolExhaustedIT {

  static Stream<Arguments> javas() {
    return Forked.javas().map(java -> Arguments.of(Forked.label(java), java));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javas")
  void exhaustionIsReportedWithDiagnosisLeak(String jdk, String java) throws Exception {
    Forked.Run run = Forked.start(java, Forked.javaagent("leak.threshold=1s"), Forked.fullClassPath(),
        "leakapp.HikariExhausted").await(60);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all).contains("program: timed out as expected");
    String site = Forked.site("HikariExhausted");
    List<String> exhausted = run.stdoutLines("Pool exhausted");
    assertThat(exhausted).as(all).hasSize(1);
    assertThat(exhausted.get(0)).as(all).contains("ERROR leash.pool - Pool exhausted: exhausted-pool has 2 of 2 connections in use");
    assertThat(run.stdout()).as(all)
        .contains("Diagnosis leak: 2 of 2 connections held idle for")
        .contains("by " + site)
        .contains("2 x " + site);
  }
}
