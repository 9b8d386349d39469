package dev.leash.it.outputs;

import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Run by {@link JfrStartTest} in a fresh JVM, because what is tested is the first connection of the process
 * and the flight recorder's own start, which happen once per JVM. Prints what it saw; exits non-zero when the
 * check itself cannot run.
 *
 * <ul>
 *   <li>{@code late}: no recording at the first connection, one started afterwards (as {@code jcmd JFR.start}
 *       or a {@code RecordingStream} would). Prints a marker before the recording starts, so that the test can
 *       tell from {@code -Xlog:class+load} whether Leash registered its events before any recording wanted them.</li>
 *   <li>{@code startup}: the JVM runs with {@code -XX:StartFlightRecording} and {@code leash.jfc}; the very first
 *       lease of the process is in that recording.</li>
 * </ul>
 */
public final class JfrStartCheck {

  static final String RECORDING_STARTS = "--- the application starts a recording ---";

  private JfrStartCheck() {}

  public static void main(String[] args) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:jfr_start");
    DataSource ds = LeashDataSource.wrap(h2, LeashConfig.defaults());
    Path file = Files.createTempFile("leash-jfr-start", ".jfr");
    try {
      if (args[0].equals("startup")) {
        lease(ds);
        if (!dev.leash.internal.LeashRuntime.awaitOutputs(30, TimeUnit.SECONDS)) {
          throw new AssertionError("Leash's outputs did not start");
        }
        FlightRecorder.getFlightRecorder().getRecordings().get(0).dump(file);
      } else {
        lease(ds);
        if (!dev.leash.internal.LeashRuntime.awaitOutputs(30, TimeUnit.SECONDS)) {
          throw new AssertionError("Leash's outputs did not start");
        }
        System.out.println("recorder initialised before the recording: " + FlightRecorder.isInitialized());
        System.out.println(RECORDING_STARTS);
        try (Recording recording = new Recording()) {
          recording.enable("leash.ConnectionLease");
          recording.start();
          lease(ds);
          lease(ds);
          recording.stop();
          recording.dump(file);
        }
      }
      long leases = RecordingFile.readAllEvents(file).stream()
          .filter(e -> e.getEventType().getName().equals("leash.ConnectionLease"))
          .filter(e -> e.getString("site").startsWith(JfrStartCheck.class.getName() + ".lease("))
          .count();
      System.out.println("lease events: " + leases);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void lease(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.isValid(1);
    }
  }
}
