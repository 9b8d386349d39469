package dev.leash.it.outputs;

import static dev.leash.it.outputs.OutputsTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.it.shop.Db;
import dev.leash.it.shop.OrderFlows;
import dev.leash.jdbc.LeashDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leash's JFR events, recorded to a file with {@link Recording} and read back with {@link RecordingFile}. */
class JfrEventsTest {

  @BeforeAll
  static void outputsStarted() throws Exception {
    OutputsTesting.outputsStarted();
  }


  private final String name = "jfr_" + System.nanoTime();
  private HikariDataSource hikari;

  @AfterEach
  void tearDown() {
    if (hikari != null) {
      hikari.close();
    }
  }

  @Test
  void leaseLeakAndExhaustionAreRecorded(@TempDir Path dir) throws Exception {
    hikari = OutputsTesting.hikari(name, 1, 250);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(Duration.ofMillis(300)).build());
    Path file = dir.resolve("leash.jfr");
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable("leash.ConnectionLease");
      recording.enable("leash.ConnectionLeak");
      recording.enable("leash.PoolExhausted");
      recording.start();

      Connection c = ds.getConnection(); int siteLine = new Throwable().getStackTrace()[0].getLineNumber();
      Thread.sleep(50);
      c.close();

      Connection held = ds.getConnection(); int leakLine = new Throwable().getStackTrace()[0].getLineNumber();
      Thread.sleep(700); // idle past the 300 ms threshold: suspected
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
      Thread.sleep(300); // the exhaustion report is committed on Leash's reporting thread
      held.close();

      recording.stop();
      recording.dump(file);
      events = RecordingFile.readAllEvents(file).stream()
          .filter(e -> name.equals(e.getString("pool"))).collect(Collectors.toList());

      String site = getClass().getName() + ".leaseLeakAndExhaustionAreRecorded(JfrEventsTest.java:";
      List<RecordedEvent> leases = named(events, "leash.ConnectionLease");
      assertThat(leases).hasSize(2);
      RecordedEvent first = leases.stream().filter(e -> e.getString("site").equals(site + siteLine + ")")).findFirst().orElseThrow();
      assertThat(first.getDuration()).as("duration = hold time").isBetween(Duration.ofMillis(45), Duration.ofMillis(1000));
      assertThat(first.getString("thread")).isEqualTo(Thread.currentThread().getName());
      assertThat(first.getLong("leaseId")).isPositive();
      RecordedEvent second = leases.stream().filter(e -> e.getString("site").equals(site + leakLine + ")")).findFirst().orElseThrow();
      assertThat(second.getDuration()).isGreaterThan(Duration.ofMillis(900));
      assertThat(second.getStartTime()).isAfter(first.getEndTime());

      List<RecordedEvent> leaks = named(events, "leash.ConnectionLeak");
      assertThat(leaks).hasSize(1);
      RecordedEvent leak = leaks.get(0);
      assertThat(leak.getString("kind")).isEqualTo("suspected");
      assertThat(leak.getString("site")).isEqualTo(site + leakLine + ")");
      assertThat(leak.getDuration("heldTime")).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
      assertThat(leak.getString("stack")).contains(site + leakLine + ")");
      assertThat(leak.getLong("leaseId")).isEqualTo(second.getLong("leaseId"));

      List<RecordedEvent> exhausted = named(events, "leash.PoolExhausted");
      assertThat(exhausted).hasSize(1);
      RecordedEvent e = exhausted.get(0);
      assertThat(e.getInt("inUse")).isEqualTo(1);
      assertThat(e.getInt("max")).isEqualTo(1);
      assertThat(e.getInt("waiting")).isGreaterThanOrEqualTo(0);
      assertThat(e.getString("diagnosis")).isEqualTo("leak");
      assertThat(e.getString("holders")).contains("1 x " + site + leakLine + ")");
      assertThat(e.getDuration("waitTime")).isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }
    assertThat(Files.size(file)).isPositive();
  }

  /** Issue 15: a lease taken through a helper reached along two paths carries its path, as its log lines do. */
  @Test
  void leaseEventsCarryTheHelperPath(@TempDir Path dir) throws Exception {
    hikari = OutputsTesting.hikari(name, 4, 1000);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    Path file = dir.resolve("path.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("leash.ConnectionLease");
      recording.start();
      for (int i = 0; i < 2; i++) {
        OrderFlows.place(ds);
        OrderFlows.refund(ds);
      }
      recording.stop();
      recording.dump(file);
    }
    String open = "dev.leash.it.shop.Db.open(Db.java:" + Db.OPEN_LINE + ")";
    String flows = "dev.leash.it.shop.OrderFlows.";
    List<String> paths = named(RecordingFile.readAllEvents(file), "leash.ConnectionLease").stream()
        .filter(e -> name.equals(e.getString("pool")) && open.equals(e.getString("site")))
        .map(e -> e.getString("path")).collect(Collectors.toList());
    assertThat(paths).contains(open + " <- " + flows + "place(OrderFlows.java:" + OrderFlows.PLACE_LINE + ")",
        open + " <- " + flows + "refund(OrderFlows.java:" + OrderFlows.REFUND_LINE + ")");
  }

  @Test
  void leaseEventsAreRecordedOnlyWhenEnabled(@TempDir Path dir) throws Exception {
    hikari = OutputsTesting.hikari(name, 1, 250);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    Path file = dir.resolve("off.jfr");
    try (Recording recording = new Recording()) {
      // A recording that does not name leash.ConnectionLease (like the JDK's default.jfc): too many for it.
      recording.start();
      try (Connection c = ds.getConnection()) {
        c.isValid(1);
      }
      recording.stop();
      recording.dump(file);
    }
    assertThat(RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().startsWith("leash.") && name.equals(e.getString("pool")))).isEmpty();
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String type) {
    Predicate<RecordedEvent> p = e -> e.getEventType().getName().equals(type);
    return events.stream().filter(p).collect(Collectors.toList());
  }
}
