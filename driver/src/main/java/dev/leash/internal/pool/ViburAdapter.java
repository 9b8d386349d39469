package dev.leash.internal.pool;

import java.util.List;

/** Vibur DBCP. */
final class ViburAdapter extends PoolAdapter {

  private static final List<String> PACKAGES = List.of("org.vibur.dbcp.");
  private static final Naming NAMING = Naming.getters("getName");
  private static final Counts COUNTS = Counts.none(
      "Leash has no test against Vibur to hold a reading of its counts to");
  private static final Frames FRAMES = Frames.none(
      "Leash knows no call on the physical connection that marks its return");
  private static final Timeout TIMEOUT = Timeout.classes("java.sql.SQLTimeoutException")
      .orMessages("couldn't obtain sql connection");

  @Override
  public String displayName() {
    return "Vibur";
  }

  @Override
  public List<String> packages() {
    return PACKAGES;
  }

  /** Its configured name ({@code p1}, ... unless set). */
  @Override
  public Naming naming() {
    return NAMING;
  }

  @Override
  public Counts counts() {
    return COUNTS;
  }

  @Override
  public Frames frames() {
    return FRAMES;
  }

  /** "Couldn't obtain SQL connection from pool p1 within 5000ms." (SQLTimeoutException; older versions a plain SQLException). */
  @Override
  public Timeout timeout() {
    return TIMEOUT;
  }
}
