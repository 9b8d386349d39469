package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under the agent, Mockito mocks of {@code DataSource}, {@code Connection} and HikariDataSource (an inline mock)
 * are never leases: no leak report of any kind (above all no {@code connection.leak.confirmed} for the mocks
 * the garbage collector takes), and the agent calls no method of a mock.
 */
class MockedJdbcIT {

  static Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void mocksAreNeverLeases(String java) throws Exception {
    Forked.Run run = Forked.start(java, Forked.javaagent("leak.threshold=1s"), Forked.classPathWithMockito(),
        "leakapp.MockedJdbc").await(120);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all).contains("program: mocks untouched by Leash", "program: kept 2", "program: done");
    assertThat(run.logEvents("connection.leak.suspected")).as(all).isEmpty();
    assertThat(run.logEvents("connection.leak.confirmed")).as(all).isEmpty();
    assertThat(run.stdout() + run.stderr()).as(all)
        .doesNotContain("Connection leak", "MockitoMock", "leash: agent tracking failed");
  }
}
