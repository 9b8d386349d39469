package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A logging configuration whose root logger is at ERROR (MyBatis's test configuration) silences Leash's
 * WARN leak reports: Leash says so once on stderr, naming the logger and the level to set.
 */
class SilencedLoggersTest {

  @Test
  void aRootAtErrorSilencingLeakWarningsIsSaidOnceOnStderr() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger leak = logback.getLogger("leash.leak");
    Level before = leak.getLevel();
    Logger leash = logback.getLogger("leash");
    Level leashBefore = leash.getLevel();
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level rootBefore = root.getLevel();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      leak.setLevel(null); // both inherit from the root, as in an application that configures only the root
      leash.setLevel(null);
      root.setLevel(Level.ERROR);
      Slf4jReporter reporter = new Slf4jReporter(Runnable::run, new PrintStream(err, true, StandardCharsets.UTF_8));
      reporter.leak(leak(LeakEvent.Kind.SUSPECTED, "silenced-pool"));
      reporter.leak(leak(LeakEvent.Kind.SUSPECTED, "silenced-pool"));
      reporter.leak(leak(LeakEvent.Kind.CONFIRMED, "silenced-pool")); // ERROR still passes: nothing to say
    } finally {
      root.setLevel(rootBefore);
      leash.setLevel(leashBefore);
      leak.setLevel(before);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertThat(said.lines()).hasSize(1);
    assertThat(said).startsWith("leash: the application's logging configuration silences logger leash.leak at WARN")
        .contains("connection.leak.suspected").contains("set logger leash.leak to level WARN");
  }

  @Test
  void nothingIsSaidWhenTheReportsPass() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Slf4jReporter reporter = new Slf4jReporter(Runnable::run, new PrintStream(err, true, StandardCharsets.UTF_8));
    reporter.leak(leak(LeakEvent.Kind.SUSPECTED, "audible-pool"));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static LeakEvent leak(LeakEvent.Kind kind, String pool) {
    LeaseView lease = new LeaseView() {
      @Override public long id() { return 7; }
      @Override public String pool() { return pool; }
      @Override public String db() { return "jdbc:h2:mem:silenced"; }
      @Override public String threadName() { return "main"; }
      @Override public String site() { return "com.shop.Dao.load(Dao.java:57)"; }
      @Override public List<StackTraceElement> stack() { return List.of(); }
      @Override public long startedAtMillis() { return 0; }
      @Override public boolean busy() { return false; }
    };
    return new LeakEvent(kind, lease, 40_000, 40_000, true);
  }
}
