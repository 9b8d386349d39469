package dev.leash.internal.track;

import dev.leash.event.PoolEvent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the last {@code pool.exhausted} event of each pool, so a snapshot can say the last diagnosis
 * without reading logs. Fed by the registry as it delivers pool events, on the reporting thread.
 * Bounded: at most {@value #MAX_POOLS} pool names, after which new names are not kept.
 */
final class LastExhausted {

  static final int MAX_POOLS = 256;

  /** The event and when it was reported. */
  static final class Entry {
    final PoolEvent event;
    final long atMillis;

    Entry(PoolEvent event, long atMillis) {
      this.event = event;
      this.atMillis = atMillis;
    }
  }

  private final ConcurrentHashMap<String, Entry> byPool = new ConcurrentHashMap<>();

  void pool(PoolEvent event) {
    if (event.kind() != PoolEvent.Kind.EXHAUSTED || event.pool() == null) {
      return;
    }
    Entry e = new Entry(event, System.currentTimeMillis());
    if (byPool.size() < MAX_POOLS || byPool.containsKey(event.pool())) {
      byPool.put(event.pool(), e);
    }
  }

  /** The last exhaustion of {@code pool}, or null. */
  Entry of(String pool) {
    return byPool.get(pool);
  }
}
