package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under the agent from the start, a HikariCP pool is known by its own name (its {@code poolName}, or the
 * {@code HikariPool-N} it gives itself when it starts), never by its class name, in the reports and in
 * {@code dump}, which lists every tracked pool, also one with no connection open. (After attach: AttachIT.)
 */
class PoolNamesIT {

  static Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void reportsAndDumpUseThePoolsOwnName(String java) throws Exception {
    Forked.Run run = Forked.start(java, List.of(Forked.javaagent("leak.threshold=1s").get(0), "-Dhold.ms=60000"),
        Forked.fullClassPath(), "leakapp.NamedPools");
    try {
      run.awaitStdout("Connection leak suspected", 2, 60);
      assertThat(run.stdout()).as(run.describe()).contains("program: pools orders-pool, HikariPool-1, idle-pool");
      // A cold JVM on a busy machine can hold a connection past the 1 s threshold while the pool starts: only
      // the two leaks are asserted, but every report must name its pool by the pool's own name.
      assertThat(run.logEvents("connection.leak.suspected")).as(run.describe())
          .allMatch(e -> e.contains("pool=\"orders-pool\"") || e.contains("pool=\"HikariPool-1\""));
      List<String> suspected = run.logEvents("connection.leak.suspected").stream()
          .filter(e -> e.contains("taken at leakapp.NamedPools.main(")).collect(Collectors.toList());
      assertThat(suspected).as(run.describe()).hasSize(2)
          .anySatisfy(e -> assertThat(e).contains("(pool=orders-pool, lease=").contains("pool=\"orders-pool\""))
          .anySatisfy(e -> assertThat(e).contains("(pool=HikariPool-1, lease=").contains("pool=\"HikariPool-1\""));
      assertThat(run.stdout()).as(run.describe()).doesNotContain("pool=HikariDataSource", "pool=\"HikariDataSource\"",
          "pool HikariDataSource");

      Forked.Run dump = Forked.agentMain(java, "dump", Long.toString(run.process.pid()));
      assertThat(dump.exit).as(dump.describe()).isZero();
      assertThat(dump.stdout()).as(dump.describe())
          .startsWith("Leash holders report: 2 open connections in 3 pools")
          .contains("\nPool orders-pool:\nHolders: 1 open lease", "\nPool HikariPool-1:\nHolders: 1 open lease",
              "\nPool idle-pool:\nHolders: 0 open leases")
          .doesNotContain("Pool HikariDataSource");
    } finally {
      run.process.destroy();
    }
  }
}
