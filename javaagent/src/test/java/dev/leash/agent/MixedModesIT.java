package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under the agent, an application that also wraps a pool with {@code LeashDataSource} or uses {@code jdbc:leash:}
 * URLs: every borrow is one lease, never two ({@code internal.jdbc.TrackingMode}'s rules, end to end).
 */
class MixedModesIT {

  static Stream<Arguments> javas() {
    return Forked.javas().map(java -> Arguments.of(Forked.label(java), java));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javas")
  void eachBorrowIsOneLeaseWhicheverWaysInTheApplicationAlsoUses(String jdk, String java) throws Exception {
    Forked.Run run = Forked.start(java, Forked.javaagent("leak.threshold=30s"),
        Forked.classPath("slf4j-api|logback-classic|logback-core|h2|HikariCP|spring-(jdbc|core|beans|jcl)"), "leakapp.MixedModes")
        .await(120);
    String all = run.describe();
    assertThat(run.exit).as(all).isZero();
    assertThat(run.stdout()).as(all)
        .contains("program: datasource-over-pool borrows=5 leases=5 ended=5")
        .contains("program: leash-url-direct borrows=5 leases=5 ended=5")
        .contains("program: pool-over-leash-url borrows=5 leases=5 ended=5")
        .contains("program: datasource-over-pool-over-leash-url borrows=5 leases=5 ended=5")
        .contains("program: plain-datasource-over-leash-url borrows=5 leases=5 ended=5")
        .contains("program: done");
  }
}
