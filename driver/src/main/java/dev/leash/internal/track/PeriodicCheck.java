package dev.leash.internal.track;

/**
 * One of the checks the {@link Watchdog} runs every tick: the leak scan, the drain of garbage-collected
 * leases, the URL-mode pool sampler, the queued waits of wrapped and agent-mode pools.
 */
interface PeriodicCheck {

  /** One pass, on the watchdog thread at time {@code now} ({@link Clock#nanoTime()}). */
  void run(long now);

  /**
   * True while this check has something to watch (an open lease, a waiting thread): the watchdog stops
   * only after several ticks in which no check wanted it. Cheap; called every tick.
   */
  boolean wantsTicks(long now);
}
