package dev.leash.internal.track;

import dev.leash.event.PoolEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nested acquisitions of one pool: a thread that asks for a second connection while a method still running
 * holds one of the same pool (the nested-acquisition deadlock when the pool runs dry). Counts the holders
 * waiting right now, remembers the last pair of sites for the diagnosis, and reports {@code connection.nested}
 * once per pair of paths, at most once per report interval. Part of the pool's {@link PoolMonitor}.
 */
final class NestedAcquisitions {

  private final Pool owner;
  private final LeaseRegistry registry;
  /** Waiting threads that already hold a connection of this pool. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final Set<String> pairsSeen = ConcurrentHashMap.newKeySet();
  private final RateLimiter reports;
  /** The most recent nested pair: {held site, second site}. */
  private volatile String[] lastPair;

  NestedAcquisitions(Pool owner) {
    this.owner = owner;
    this.registry = owner.registry();
    this.reports = new RateLimiter(owner.config().reportInterval().toNanos());
  }

  /**
   * A lease of this pool that the calling thread holds and whose taking method is still running, or null:
   * asked at the start of an acquisition.
   */
  Lease heldByCaller() {
    Lease held = registry.heldByCurrentThread(owner);
    if (held == null || leakedBeforeAsking(held, registry.clock().nanoTime(), 0)) {
      return null;
    }
    return owner.capture().isStillRunning(held.capturedStack()) ? held : null;
  }

  /**
   * A connection its thread had left idle past the leak threshold before asking for another: leaked earlier
   * (it stays a leak in the diagnosis), not the outer half of a nested acquisition, even in the same method.
   * {@code waitedNanos} is how long the thread may have been asking already.
   */
  boolean leakedBeforeAsking(Lease held, long now, long waitedNanos) {
    return held.idleNanos(now) - waitedNanos >= owner.leakThresholdNanos();
  }

  /** The calling thread, holding {@code held}, starts waiting for a second connection. */
  void waitStarted(Lease held, long now, PoolMonitor pool) {
    waiting.incrementAndGet();
    CapturedStack second = owner.capture().capture();
    seen(held.site(), held.path(), second.site(), second.path(), ThreadNames.of(Thread.currentThread()), now, pool);
  }

  /** The wait that {@link #waitStarted} began has ended. */
  void waitEnded() {
    waiting.decrementAndGet();
  }

  /** Holders waiting for a second connection right now. */
  int waiting() {
    return waiting.get();
  }

  /** The most recent nested pair {held site, second site}, or null. */
  String[] lastPair() {
    return lastPair;
  }

  /** {@code connection.nested}: once per pair of paths (of sites, where a site has one caller), and at most one per report interval. */
  void seen(String heldSite, String heldPath, String site, String path, String thread, long now, PoolMonitor pool) {
    String heldWhere = heldPath != null ? heldPath : heldSite;
    String where = path != null ? path : site;
    lastPair = new String[] {heldWhere, where};
    String pair = heldWhere + "\n" + where;
    if (pairsSeen.size() >= 1024 || pairsSeen.contains(pair) || reports.tryAcquire(now) < 0) {
      return;
    }
    pairsSeen.add(pair);
    PoolEvent event = new PoolEventBuilder(PoolEvent.Kind.NESTED)
        .pool(owner.name())
        .db(owner.db())
        .thread(thread)
        .site(site)
        .heldSite(heldSite)
        .path(path)
        .heldPath(heldPath)
        .inUse(Math.max(pool.inUse(), 0))
        .max(pool.gauge().max())
        .waiting(pool.waitingInGetConnection())
        .build();
    registry.dispatch(() -> registry.reportPool(event));
  }
}
