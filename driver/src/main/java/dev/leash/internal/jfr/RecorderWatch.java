package dev.leash.internal.jfr;

import dev.leash.internal.util.Once;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * When the JFR listener is worth installing: once the flight recorder is up. Until the recorder has been
 * initialised no recording exists, so no Leash event can be enabled and the listener would only cost its
 * start: registering three event classes with JFR loads JFR's own machinery, about a hundred classes and
 * 100–200 ms of a cold JVM's first connection, which a process that never records should not pay.
 *
 * <p>The recorder initialises before its first recording starts (a {@code Recording}, a {@code RecordingStream},
 * {@code jcmd JFR.start}), and tells its listeners then, on the thread that starts it: so the listener is in
 * place before any recording can enable an event, and a recording started later misses nothing that a
 * listener installed at the first connection would have recorded. With {@code -XX:StartFlightRecording} the
 * recorder is up before {@code main}, and the listener is installed at the first connection as before.
 */
public final class RecorderWatch {

  private RecorderWatch() {}

  /** Whether the flight recorder is already up; loads only {@link FlightRecorder}. Never throws. */
  public static boolean recorderUp() {
    try {
      return FlightRecorder.isInitialized();
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * Runs {@code install} once, when the flight recorder initialises: on this thread right away if it already
   * has, else on the thread that initialises it. Registering costs JFR's listener list (and, on JDK 17, its
   * security support: a few dozen classes), which is why Leash calls this off the application's thread.
   */
  public static void whenRecorderUp(Runnable install) {
    Once once = new Once();
    FlightRecorder.addListener(new FlightRecorderListener() {
      @Override
      public void recorderInitialized(FlightRecorder recorder) {
        if (once.first()) {
          install.run();
        }
      }
    });
  }
}
