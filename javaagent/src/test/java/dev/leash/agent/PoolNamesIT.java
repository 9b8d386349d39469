package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
      List<String> suspected = run.logEvents("connection.leak.suspected");
      assertThat(suspected).as(run.describe()).hasSize(2)
          .anySatisfy(e -> assertThat(e).contains("(pool=orders-pool, lease=").contains("pool=\"orders-pool\""))
          .anySatisfy(e -> assertThat(e).contains("(pool=HikariPool-1, lease=").contains("pool=\"HikariPool-1\""));
      assertThat(run.stdout()).as(run.describe()).doesNotContain("HikariDataSource");

      Forked.Run dump = Forked.agentMain(java, "dump", Long.toString(run.process.pid()));
      assertThat(dump.exit).as(dump.describe()).isZero();
      assertThat(dump.stdout()).as(dump.describe())
          .startsWith("Leash holders report: 2 open connections in 3 pools")
          .contains("\nPool orders-pool:\nHolders: 1 open lease", "\nPool HikariPool-1:\nHolders: 1 open lease",
              "\nPool idle-pool:\nHolders: 0 open leases")
          .doesNotContain("HikariDataSource");
    } finally {
      run.process.destroy();
    }
  }
}
