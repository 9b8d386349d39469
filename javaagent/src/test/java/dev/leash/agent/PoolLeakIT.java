package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One program per pool (and plain DriverManager, and a pool inside a child class loader) leaks one
 * connection at its {@code // LEAK} line and returns the others; run with
 * {@code -javaagent:leash-agent.jar=leak.threshold=1s}, exactly that leak is reported, in the program's
 * own Logback output, and nothing else is.
 */
class PoolLeakIT {

  static final String LOGBACK_LINE = "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[leash-watchdog\\] WARN  leash\\.leak - Connection leak suspected \\[connection\\.leak\\.suspected\\]: .*";

  static Stream<Arguments> runs() {
    List<String> programs = List.of("HikariLeak", "Dbcp2Leak", "C3p0Leak", "TomcatJdbcLeak", "H2PoolLeak", "DriverManagerLeak",
        "ChildLoaderLaunch");
    return Forked.javas().flatMap(java -> programs.stream().map(p -> Arguments.of(Forked.label(java), p, java)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("runs")
  void reportsExactlyTheLeak(String jdk, String program, String java) throws Exception {
    Forked.Run run;
    String site;
    if (program.equals("ChildLoaderLaunch")) {
      // The pool, the driver, SLF4J and Logback exist only in the child loader; the system class path has the launcher.
      String child = Forked.classPath("slf4j-api|logback-classic|logback-core|h2|HikariCP");
      run = Forked.start(java, List.of(Forked.javaagent("leak.threshold=1s").get(0), "-Dchild.cp=" + child),
          Forked.TEST_CLASSES.toString(), "leakapp.ChildLoaderLaunch").await(60);
      site = Forked.site("HikariLeak");
      assertThat(run.stdout()).as(run.describe()).contains("program: HikariLeak loaded by app");
    } else {
      run = Forked.start(java, Forked.javaagent("leak.threshold=1s"), Forked.fullClassPath(), "leakapp." + program).await(60);
      site = Forked.site(program);
    }
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all).contains("program: done, holding 1")
        .contains("INFO  leash.lifecycle - Leash").contains("started in agent mode");
    List<String> suspected = leakReportsExplainingTheRest(run, site, all);
    assertThat(suspected).as(all).hasSize(1);
    assertThat(suspected.get(0)).as(all).matches(LOGBACK_LINE).contains("taken at " + site)
        .contains("event=\"connection.leak.suspected\"");
    if (program.equals("HikariLeak") || program.equals("ChildLoaderLaunch")) {
      // The leak happens inside a traced request: the report leads to it, even with SLF4J only in a child loader.
      assertThat(suspected.get(0)).as(all)
          .contains(" trace_id=" + leakapp.Request.TRACE_ID + " span_id=" + leakapp.Request.SPAN_ID)
          .contains("trace_id=\"" + leakapp.Request.TRACE_ID + "\"");
    } else {
      assertThat(suspected.get(0)).as(all).doesNotContain("trace_id");
    }
    assertThat(run.stdout()).as(all).doesNotContain("Connection leak confirmed");
    assertThat(run.stderr()).as(all).doesNotContain("leash:", "Sharing is only supported", "sun.misc.Unsafe");
  }

  /**
   * The suspected-leak lines about the planted leak at {@code site}. Every other report about a lease (held busy, or
   * suspected and later returned) must be one the slow machine explains: at most one of each kind per statement that
   * {@code leakapp.Scenario} saw end the 1 s threshold or more after the previous one. On a quiet machine there is
   * none, so nothing else may be reported; with every core busy, a cold JVM's first createStatement() and query have
   * taken over a second (the agent counts a connection as used at its statements, so a slow createStatement() is idle).
   * Each of those other suspected leases was closed, so each has exactly one {@code connection.leak.returned}: the
   * reporting thread's queue is written out at exit, so the last of them is not lost when the program ends.
   */
  static List<String> leakReportsExplainingTheRest(Forked.Run run, String site, String all) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("program: statements that may have run past the threshold: (\\d+)")
        .matcher(run.stdout());
    assertThat(m.find()).as(all).isTrue();
    int possible = Integer.parseInt(m.group(1));
    List<String> atLeak = new java.util.ArrayList<>();
    List<String> others = new java.util.ArrayList<>();
    for (String line : run.stdoutLines("Connection leak suspected")) {
      (line.contains("taken at " + site) ? atLeak : others).add(line);
    }
    List<String> returned = run.stdoutLines("leak returned");
    List<String> busy = run.stdoutLines("busy in a statement");
    assertThat(others).as(all).hasSizeLessThanOrEqualTo(possible);
    assertThat(returned).as(all).hasSize(others.size()).noneMatch(line -> line.contains("taken at " + site));
    assertThat(busy).as(all).hasSizeLessThanOrEqualTo(possible)
        .allSatisfy(line -> assertThat(line).contains("event=\"connection.held.busy\""));
    if (possible > 0) {
      System.out.printf("slow machine: %d statement(s) could have run past the threshold; reported %d held busy, %d other"
          + " suspected, %d returned%n", possible, busy.size(), others.size(), returned.size());
    }
    return atLeak;
  }
}
