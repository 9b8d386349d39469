package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JdbcWeaverCoverageTest}'s check as a program, on every JDK the agent is tested on (this one and JDK 25):
 * each JDBC class in the jars of the test class path, woven as the agent weaves it, passes that JVM's verifier.
 */
class JdbcWeaverCoverageIT {

  private static final Pattern SUMMARY = Pattern.compile("woven and verified (\\d+) of (\\d+) woven classes");

  static Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void everyWovenJdbcClassVerifies(String java) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Forked.Run run = Forked.start(java, List.of(), classPath, "dev.leash.agent.WeaveEverything").await(300);

    assertThat(run.exit).as(run.describe()).isZero();
    Matcher m = SUMMARY.matcher(run.stdout());
    assertThat(m.find()).as(run.describe()).isTrue();
    assertThat(m.group(1)).as(run.describe()).isEqualTo(m.group(2));
    assertThat(Integer.parseInt(m.group(2))).as(run.describe()).isGreaterThan(60);
    assertThat(run.stdout()).as(run.describe()).contains(" 0 failed, 0 transformer errors) on JDK "
        + (java.contains("25") ? "25" : Integer.toString(Runtime.version().feature())));
  }
}
