package dev.leash.report;

import dev.leash.event.PoolEvent;

/** The readable messages of pool events, shared by every reporter so that all outputs say the same. */
final class PoolMessages {

  private PoolMessages() {}

  /** {@code pool.exhausted}: state, the waiting thread and its site, the diagnosis, then the holders report. */
  static String exhausted(PoolEvent e) {
    StringBuilder b = new StringBuilder(512);
    b.append("Pool exhausted [").append(e.kind().eventName()).append("]: ").append(e.pool()).append(" has ").append(e.inUse());
    if (e.max() > 0) {
      b.append(" of ").append(e.max());
    }
    b.append(e.inUse() == 1 && e.max() <= 0 ? " connection" : " connections").append(" in use and ").append(e.waiting()).append(e.waiting() == 1 ? " thread" : " threads")
        .append(" waiting; thread ").append(e.thread()).append(e.stillWaiting() ? " has waited " : " waited ")
        .append(Durations.human(e.waitMillis())).append(e.stillWaiting() ? " so far" : "")
        .append(" at ").append(e.site());
    if (e.failure() != null) {
      b.append(" and got: ").append(e.failure());
    }
    if (e.suppressed() > 0) {
      b.append(" (").append(e.suppressed()).append(" more reports for this pool suppressed since the last one)");
    }
    if (e.diagnosisDetail() != null) {
      b.append("\nDiagnosis ").append(e.diagnosis()).append(": ").append(DiagnosisText.of(e.diagnosisDetail()));
    }
    if (e.holders() != null) {
      b.append('\n').append(HoldersText.of(e.holders()));
    }
    return b.toString();
  }

  /** {@code connection.nested}: both sites, and why it matters. */
  static String nested(PoolEvent e) {
    return "Nested connection acquisition [" + e.kind().eventName() + "]: thread " + e.thread() + " holds a connection of pool " + e.pool()
        + " taken at " + (e.heldPath() != null ? e.heldPath() : e.heldSite()) + " and asks for another at "
        + (e.path() != null ? e.path() : e.site())
        + ". Under load every thread can end up holding one connection while waiting for a second: the pool deadlocks"
        + " (a bigger pool only postpones it).";
  }

  /** {@code pool.wait.slow}: who waited how long, and how full the pool was. */
  static String slowWait(PoolEvent e) {
    StringBuilder b = new StringBuilder(256);
    b.append("Slow connection acquisition [").append(e.kind().eventName()).append("]: thread ").append(e.thread()).append(" waited ")
        .append(Durations.human(e.waitMillis())).append(" for pool ").append(e.pool()).append(" at ").append(e.site())
        .append(" (").append(e.inUse());
    if (e.max() > 0) {
      b.append(" of ").append(e.max());
    }
    b.append(" in use, ").append(e.waiting()).append(" waiting)");
    if (e.suppressed() > 0) {
      b.append(" (").append(e.suppressed()).append(" more suppressed since the last report)");
    }
    return b.toString();
  }
}
