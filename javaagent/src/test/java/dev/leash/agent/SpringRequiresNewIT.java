package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, point 1, under the agent: Spring's {@code PROPAGATION_REQUIRES_NEW} inside a transaction
 * ({@code springapp.RequiresNew}: eight threads, a HikariCP pool of four) is a nested acquisition, and the dry
 * pool is diagnosed {@code nested_acquisition} naming the audit log's line, with no code or URL change. The
 * driver's {@code NestedAcquisitionTest} runs the same service in wrapped and URL mode. Also with all eight
 * arriving at once while every core is busy, twice per JDK: the first report must still say
 * {@code nested_acquisition} (the driver's {@code NestedArrivingTogetherTest}).
 */
class SpringRequiresNewIT {

  private static final String SETTINGS = "leak.threshold=5s,pool.wait.threshold=200ms,report.interval=10s";

  static Stream<Arguments> javas() {
    return Forked.javas().map(java -> Arguments.of(Forked.label(java), java));
  }

  static Stream<Arguments> busyRounds() {
    return Forked.javas().flatMap(java -> Stream.of(1, 2).map(round -> Arguments.of(Forked.label(java), java, round)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javas")
  void requiresNewInsideATransactionIsNestedAcquisition(String jdk, String java) throws Exception {
    assertNestedAcquisition(java);
  }

  @ParameterizedTest(name = "{0} round {2}")
  @MethodSource("busyRounds")
  void eightArrivingTogetherOnABusyMachineAreNestedAcquisitionFromTheFirstReport(String jdk, String java, int round)
      throws Exception {
    assertNestedAcquisition(java, "together", "busy");
  }

  private static void assertNestedAcquisition(String java, String... args) throws Exception {
    String cp = Forked.classPath("slf4j-api|logback-classic|logback-core|h2|HikariCP|spring-(jdbc|tx|core|beans|jcl)");
    Forked.Run run = Forked.start(java, Forked.javaagent(SETTINGS), cp, "springapp.RequiresNew", args).await(90);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stderr()).as(all).doesNotContain("leash:");
    assertThat(run.stdout()).as(all).containsPattern("program: [1-8] of 8 orders failed");

    String audit = "springapp.RequiresNew$AuditLog.record(RequiresNew.java:" + line("// AUDIT_TX") + ")";
    String auditLambda = "springapp.RequiresNew$AuditLog.lambda$record$0(RequiresNew.java:" + line("// AUDIT_TX") + ")";
    List<String> reports = run.logEvents("pool.exhausted");
    assertThat(reports).as(all).isNotEmpty();
    assertThat(reports.get(0)).as(all).contains("diagnosis=\"nested_acquisition\"").contains("and wait for a second at " + audit);
    List<String> nested = run.logEvents("connection.nested");
    assertThat(nested).as(all).isNotEmpty();
    assertThat(nested.get(0)).as(all).contains("held_site=\"springapp.RequiresNew$OrderService.")
        .containsAnyOf("site=\"" + audit + "\"", "site=\"" + auditLambda + "\"");
  }

  private static int line(String marker) throws IOException {
    List<String> lines = Files.readAllLines(Forked.TEST_SOURCES.resolve("springapp").resolve("RequiresNew.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + marker + " in RequiresNew.java");
  }
}
