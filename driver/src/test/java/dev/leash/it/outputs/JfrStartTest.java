package dev.leash.it.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * JFR events from the first connection of a process on, without making a process that never records pay
 * JFR's start: each case runs {@link JfrStartCheck} in a fresh JVM.
 */
class JfrStartTest {

  @Test
  void aRecordingStartedAfterTheFirstConnectionRecordsLeasesAndNothingWasRegisteredBefore() throws Exception {
    String output = run(List.of("-Xlog:class+load=info:stdout:none"), "late");

    assertThat(output).contains("recorder initialised before the recording: false", "lease events: 2");
    String beforeRecording = output.substring(0, output.indexOf(JfrStartCheck.RECORDING_STARTS));
    assertThat(beforeRecording).as("the JFR listener waits for the recorder").contains("dev.leash.internal.LeashRuntime")
        .doesNotContain("dev.leash.internal.jfr.ConnectionLeaseEvent", "dev.leash.internal.jfr.JfrListener");
  }

  @Test
  void aRecordingFromTheJvmsStartHasTheFirstLeaseOfTheProcess() throws Exception {
    Path jfc = Paths.get(JfrStartTest.class.getResource("/dev/leash/jfr/leash.jfc").toURI());
    String output = run(List.of("-XX:StartFlightRecording:settings=" + jfc), "startup");

    assertThat(output).contains("lease events: 1");
  }

  private static String run(List<String> jvm, String mode) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JfrStartCheck.class.getName(), mode));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
