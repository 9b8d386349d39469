package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent is invisible to an application's tests: its Mockito tests of JDBC code ({@code mockapp}: mocks of
 * {@code DataSource}, {@code Connection}, {@code PreparedStatement} and {@code Statement}, strict stubs,
 * {@code verifyNoMoreInteractions}, {@code doReturn}/{@code doThrow} stubbing) pass exactly as without it. Each
 * JDK runs {@code mockapp.RunTests} twice, without and with {@code -javaagent} on the packaged jar, and the
 * agent run proves that the advice really was inside the mock classes.
 */
class MockitoUnderAgentIT {

  /** Tests in {@code mockapp.OrderRepositoryTest} and {@code mockapp.SessionStrictnessTest}. */
  private static final int TESTS = 6;
  private static final String ALL_PASSED = "mockapp: found=" + TESTS + " succeeded=" + TESTS + " failed=0";

  static Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void mockitoTestsPassUnderTheAgentExactlyAsWithout(String java) throws Exception {
    Forked.Run plain = run(java, List.of());
    Forked.Run agent = run(java, List.of(Forked.javaagent(null).get(0), "-D" + JdbcTransformer.DEBUG_PROPERTY + "=true"));

    assertThat(plain.exit).as(plain.describe()).isZero();
    assertThat(plain.stdoutLines("mockapp:")).as(plain.describe()).containsExactly(ALL_PASSED);
    assertThat(agent.exit).as(agent.describe()).isZero();
    assertThat(agent.stdoutLines("mockapp:")).as(agent.describe()).containsExactly(ALL_PASSED);

    // The advice was woven into Mockito's classes for each mocked JDBC interface, so the runs above did exercise it.
    List<String> instrumentedMocks = agent.stderr().lines()
        .filter(l -> l.startsWith("leash: instrumented ") && l.contains("MockitoMock"))
        .collect(Collectors.toList());
    assertThat(instrumentedMocks).as(agent.describe())
        .anyMatch(l -> l.contains("DataSource$MockitoMock"))
        .anyMatch(l -> l.contains("Connection$MockitoMock"))
        .anyMatch(l -> l.contains("PreparedStatement$MockitoMock"))
        .anyMatch(l -> l.matches(".*[.$]Statement\\$MockitoMock.*"));
    assertThat(agent.stderr()).as(agent.describe()).doesNotContain("leash: could not instrument", "agent tracking failed");
  }

  private static Forked.Run run(String java, List<String> jvmArgs) throws Exception {
    return Forked.start(java, jvmArgs, Forked.testRunnerClassPath(), "mockapp.RunTests").await(120);
  }
}
