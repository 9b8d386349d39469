package dev.leash.internal.pool;

import java.util.List;

/** Vibur DBCP. */
final class ViburAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("org.vibur.dbcp.");
  /** Its configured name ({@code p1}, ... unless set). */
  private static final Naming NAMING = Naming.getters("getName");
  private static final Counts COUNTS = Counts.none(
      "Leash has no test against Vibur to hold a reading of its counts to");
  private static final Frames FRAMES = Frames.none(
      "Leash knows no call on the physical connection that marks its return");
  /** "Couldn't obtain SQL connection from pool p1 within 5000ms." (SQLTimeoutException; older versions a plain SQLException). */
  private static final Timeout TIMEOUT = Timeout.classes("java.sql.SQLTimeoutException")
      .orMessages("couldn't obtain sql connection");

  ViburAdapter() {
    super("Vibur", PACKAGES, NAMING, COUNTS, FRAMES, TIMEOUT);
  }
}
