package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code leash-agent.jar attach} into a program started without the agent (its HikariCP classes already
 * loaded, so they are retransformed), a leak after the attach is reported; {@code dump} then prints the
 * holders report with the two connections held at one site. Also: usage, and a PID that is no JVM.
 */
class AttachIT {

  static java.util.stream.Stream<String> javas() {
    return Forked.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachThenLeakThenDump(String java) throws Exception {
    Forked.Run program = Forked.start(java, List.of(), Forked.fullClassPath(), "leakapp.AttachLeak");
    try (OutputStream stdin = program.process.getOutputStream()) {
      program.awaitStdout("program: ready", 1, 30);
      String pid = Long.toString(program.process.pid());

      Forked.Run attach = Forked.agentMain(java, "attach", pid, "leak.threshold=1s");
      assertThat(attach.exit).as(attach.describe()).isZero();
      assertThat(attach.stdout()).contains("Leash loaded into JVM " + pid + " with leak.threshold=1s");

      stdin.write("leak\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      program.awaitStdout("Connection leak suspected", 2, 30);
      String site = Forked.site("AttachLeak");
      assertThat(program.stdoutLines("Connection leak suspected")).as(program.describe())
          .hasSize(2).allSatisfy(l -> assertThat(l).matches(PoolLeakIT.LOGBACK_LINE).contains("taken at " + site)
              .contains("(pool=attach-pool, lease=").contains("pool=\"attach-pool\""));

      Forked.Run dump = Forked.agentMain(java, "dump", pid);
      assertThat(dump.exit).as(dump.describe()).isZero();
      assertThat(dump.stdout()).as(dump.describe())
          .startsWith("Leash holders report: 2 open connections in 1 pool")
          .contains("Pool attach-pool:", "2 x " + site, "2 idle", "0 busy in a statement", "threads: main",
              "        at " + site, "now, thread main (");

      stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    }
    program.await(30);
    assertThat(program.exit).as(program.describe()).isZero();
    assertThat(program.stdout()).doesNotContain("Connection leak confirmed", "busy in a statement");
  }

  @ParameterizedTest
  @MethodSource("javas")
  void usageAndUnknownPid(String java) throws Exception {
    Forked.Run usage = Forked.agentMain(java);
    assertThat(usage.exit).isZero();
    assertThat(usage.stdout()).contains("java -jar leash-agent.jar attach <pid>", "java -jar leash-agent.jar dump <pid>");

    Forked.Run nobody = Forked.agentMain(java, "dump", "999999999");
    assertThat(nobody.exit).as(nobody.describe()).isEqualTo(1);
    assertThat(nobody.stderr()).as(nobody.describe()).startsWith("leash: no JVM with pid 999999999 (or it does not allow attach): ");
  }
}
