package dev.leash.internal.pool;

import java.util.List;

/** Vibur DBCP. */
final class ViburAdapter extends PoolAdapter {

  @Override
  public String displayName() {
    return "Vibur";
  }

  @Override
  public List<String> packages() {
    return List.of("org.vibur.dbcp.");
  }

  /** Its configured name ({@code p1}, ... unless set). */
  @Override
  public Naming naming() {
    return Naming.getters("getName");
  }

  @Override
  public Counts counts() {
    return Counts.none("Leash has no test against Vibur to hold a reading of its counts to");
  }

  @Override
  public Frames frames() {
    return Frames.none("Leash knows no call on the physical connection that marks its return");
  }

  /** "Couldn't obtain SQL connection from pool p1 within 5000ms." (SQLTimeoutException; older versions a plain SQLException). */
  @Override
  public Timeout timeout() {
    return Timeout.classes("java.sql.SQLTimeoutException").orMessages("couldn't obtain sql connection");
  }
}
