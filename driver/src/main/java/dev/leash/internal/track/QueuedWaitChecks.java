package dev.leash.internal.track;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The watchdog's check of queued waits (wrapped and agent modes): the pools whose threads have queued
 * for a connection, each asked every tick whether a wait has passed its threshold while the pool is
 * still full ({@link PoolMonitor#queuedWaitsChecked}), so a dry pool is reported while its threads wait.
 */
final class QueuedWaitChecks implements PeriodicCheck {

  private static final int MAX_POOLS = 1024;

  private final CopyOnWriteArrayList<Pool> pools = new CopyOnWriteArrayList<>();

  /** Watches {@code pool}'s queued waits from now on; true if it was added (bounded: at most 1024 pools). */
  synchronized boolean watch(Pool pool) {
    PoolMonitor monitor = pool.monitor();
    boolean added = false;
    if (!monitor.queuesWatched && pools.size() < MAX_POOLS) {
      pools.add(pool);
      added = true;
    }
    monitor.queuesWatched = true;
    return added;
  }

  @Override
  public void run(long now) {
    for (Pool p : pools) {
      p.monitor().queuedWaitsChecked(now);
    }
  }

  /** True while a thread waits for one of these pools: the watchdog keeps running for it even with no lease open. */
  @Override
  public boolean wantsTicks(long now) {
    for (Pool p : pools) {
      if (p.monitor().hasWaiters()) {
        return true;
      }
    }
    return false;
  }
}
