package dev.leash.internal.track;

/**
 * What one {@code pool.exhausted} or {@code pool.wait.slow} report is about, read once so that the message and the
 * diagnosis agree.
 */
final class Occasion {
  String thread;
  String site;
  /** The helper path of {@link #site}, or null when it has one caller (or Leash cannot tell). */
  String path;
  long wait;
  int waiting;
  int inUse;
  int max;
  /** Connections the pool has open (active + idle), or -1 if unknown. */
  int total;
  AcquisitionFailure failure;
  /** What the waiting thread got from the pool (its exception's message), or null. */
  String failureMessage;
  /** The evidence behind {@link #failure}, for the diagnosis: the pool's exception, or what its connects did. */
  String cause;
  /** URL mode: how long the pool's connect in progress has taken, when that is the evidence; else 0. */
  long connectingNanos;
  /** {@link #thread} was still waiting when the watchdog found it. */
  boolean stillWaiting;
}
