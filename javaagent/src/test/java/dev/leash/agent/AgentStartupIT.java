package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent never stops an application: bad arguments, no SLF4J; and what it costs at startup. */
class AgentStartupIT {

  static java.util.stream.Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void badArgumentsAreOneLineEachAndTheProgramRuns(String java) throws Exception {
    Forked.Run run = Forked.start(java, List.of(Forked.javaagent("leak.threshold=5x,nonsense=1").get(0), "-Dhold.ms=0"),
        Forked.fullClassPath(), "leakapp.DriverManagerLeak").await(60);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all).contains("program: returned 3 connections normally", "program: done, holding 1");
    List<String> leashLines = run.stderr().lines().filter(l -> l.startsWith("leash:") || l.contains(" leash.config - "))
        .collect(Collectors.toList());
    assertThat(leashLines).as(all).hasSize(2);
    assertThat(leashLines.get(0)).as(all)
        .matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  leash\\.config - Setting ignored \\[leash\\.config\\.rejected\\]: "
            + "leash\\.leak\\.threshold: '5x' \\(agent argument\\) is not a duration; .*")
        .contains(". Leash goes on with the default, leash.leak.threshold=30s event=leash.config.rejected "
            + "key=\"leash.leak.threshold\" value=\"5x\" source=\"agent argument\" default=\"30s\"");
    assertThat(leashLines.get(1)).as(all)
        .contains("WARN  leash.config - Setting ignored [leash.config.rejected]: leash.nonsense: '1' (agent argument) "
            + "is not a known key; known keys are ",
            ". Leash ignores it and goes on event=leash.config.rejected key=\"leash.nonsense\" value=\"1\"");
    // The threshold stays at its default (30s), so the connection held for 0 ms is no suspected leak.
    assertThat(run.stdout()).as(all).doesNotContain("Connection leak suspected");
  }

  @ParameterizedTest
  @MethodSource("javas")
  void withoutSlf4jReportsGoToStderrInTheSameFormat(String java) throws Exception {
    Forked.Run run = Forked.start(java, Forked.javaagent("leak.threshold=1s"), Forked.classPath("h2"),
        "leakapp.DriverManagerLeak").await(60);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    List<String> suspected = run.stderr().lines().filter(l -> l.contains("Connection leak suspected")).collect(Collectors.toList());
    assertThat(suspected).as(all).hasSize(1);
    assertThat(suspected.get(0)).as(all)
        .matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  leash\\.leak - Connection leak suspected \\[connection\\.leak\\.suspected\\]: .*")
        .contains("taken at " + Forked.site("DriverManagerLeak"), "event=connection.leak.suspected");
    assertThat(run.stderr()).as(all).contains("dev.leash.report.AcquisitionStack: Connection acquired here by thread main",
        "at leakapp.DriverManagerLeak.main(DriverManagerLeak.java:" + Forked.leakLine("DriverManagerLeak") + ")");
    assertThat(run.stdout()).as(all).contains("program: done, holding 1");
  }

  /** Median wall time of {@code java [-javaagent] -cp test-classes leakapp.Hello}, 5 runs each, interleaved. */
  @ParameterizedTest
  @MethodSource("javas")
  void startupCost(String java) throws Exception {
    List<Long> plain = new ArrayList<>();
    List<Long> agent = new ArrayList<>();
    String cp = Forked.TEST_CLASSES.toString();
    for (int i = 0; i < 5; i++) {
      plain.add(timed(java, List.of(), cp));
      agent.add(timed(java, Forked.javaagent(null), cp));
    }
    long p = median(plain);
    long a = median(agent);
    String line = String.format("%s: java -cp test-classes leakapp.Hello: median %d ms plain, %d ms with "
        + "-javaagent:leash-agent.jar (+%d ms); runs plain=%s agent=%s%n", Forked.label(java), p, a, a - p, plain, agent);
    System.out.print(line);
    Path report = Forked.AGENT_JAR.getParent().resolve("startup-cost.txt");
    Files.write(report, line.getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertThat(a - p).as(line).isLessThan(5_000);
  }

  private static long timed(String java, List<String> jvmArgs, String cp) throws Exception {
    long t0 = System.nanoTime();
    Forked.Run run = Forked.start(java, jvmArgs, cp, "leakapp.Hello").await(60);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(run.exit).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe()).isEqualTo("hello" + System.lineSeparator());
    assertThat(run.stderr()).as(run.describe()).isEmpty();
    return ms;
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
