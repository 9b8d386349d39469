package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -javaagent:leash-agent.jar=leak.threshold=1s -jar app.jar} on a Spring Boot executable jar (made by
 * spring-boot-maven-plugin's repackage, see javaagent/pom.xml): the program, HikariCP, H2, SLF4J and Logback are
 * nested jars loaded by Spring Boot's {@code LaunchedClassLoader}; exactly the one leak is reported, through the
 * application's Logback.
 */
class SpringBootFatJarIT {

  static final Path FAT_JAR = Paths.get(System.getProperty("fatapp.jar", "target/leash-agent-fatapp.jar")).toAbsolutePath();

  static Stream<Arguments> javas() {
    return Forked.javas().map(java -> Arguments.of(Forked.label(java), java));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javas")
  void reportsTheLeakFromNestedJars(String jdk, String java) throws Exception {
    assertThat(FAT_JAR).as("built by spring-boot-maven-plugin:repackage in pre-integration-test").isRegularFile();
    assertThat(Files.size(FAT_JAR)).isPositive();
    Forked.Run run = Forked.start(java, Forked.javaagent("leak.threshold=1s"), null, "-jar", FAT_JAR.toString()).await(60);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all)
        .contains("program: BootLeak loaded by org.springframework.boot.loader.launch.LaunchedClassLoader")
        .contains("HikariCP from jar:nested:")
        .contains("program: done, holding 1")
        .contains("INFO  leash.lifecycle - Leash").contains("started in agent mode");
    List<String> suspected = PoolLeakIT.leakReportsExplainingTheRest(run, Forked.site("BootLeak"), all);
    assertThat(suspected).as(all).hasSize(1);
    assertThat(suspected.get(0)).as(all).matches(PoolLeakIT.LOGBACK_LINE).contains("taken at " + Forked.site("BootLeak"))
        .contains("event=\"connection.leak.suspected\"");
    assertThat(run.stdout()).as(all).doesNotContain("Connection leak confirmed");
    assertThat(run.stderr()).as(all).doesNotContain("leash:", "Sharing is only supported", "sun.misc.Unsafe");
  }
}
