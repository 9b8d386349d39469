package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reports still queued when the JVM exits reach their sinks: each case runs {@link ExitWithQueuedReports} in a
 * fresh JVM, which queues slow reports and exits at once, and reads what it printed. Without the exit flush the
 * reporting thread, a daemon, dies with the JVM and the reports after the first are lost.
 */
class ReportFlushAtExitTest {

  @Test
  void reportsQueuedWhenTheProgramCallsExitAreAllWritten() throws Exception {
    String out = run("exit", "20");

    assertThat(reports(out)).as("all, in order, on the reporting thread: %s", out).isEqualTo(expected(20));
  }

  @Test
  void reportsQueuedWhenMainReturnsAreAllWritten() throws Exception {
    String out = run("return", "20");

    assertThat(reports(out)).as(out).isEqualTo(expected(20));
  }

  @Test
  void aReportThatNeverEndsDelaysTheExitByTheBoundOnly() throws Exception {
    long start = System.nanoTime();
    String out = run("blocked", "1");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(out).as(out).contains("report 1 on leash-reporter", "blocking");
    // The JVM's own start and stop take the rest; without the bound it would wait for ever (and fail in run()).
    assertThat(millis).as(out).isGreaterThanOrEqualTo(ReportDispatcher.EXIT_FLUSH_MILLIS).isLessThan(30_000);
  }

  private static List<String> reports(String out) {
    return out.lines().filter(l -> l.startsWith("report ")).collect(Collectors.toList());
  }

  private static List<String> expected(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "report " + i + " on leash-reporter").collect(Collectors.toList());
  }

  private static String run(String mode, String reports) throws Exception {
    List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitWithQueuedReports.class.getName(), mode, reports);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
