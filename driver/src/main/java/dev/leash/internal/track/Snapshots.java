package dev.leash.internal.track;

import dev.leash.event.HolderGroup;
import dev.leash.event.PoolEvent;
import dev.leash.event.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link PoolSnapshot}s from the registry's open leases, with the same grouping and order as
 * the holders report ({@link HolderGroups}), so the data and the text never disagree.
 */
public final class Snapshots {

  private Snapshots() {}

  /** {@code pool} as its registry sees it now. */
  public static PoolSnapshot of(Pool pool) {
    LeaseRegistry registry = pool.registry();
    long now = registry.clock().nanoTime();
    List<Lease> mine = new ArrayList<>();
    for (Lease l : registry.openLeases()) {
      if (l.pool().equals(pool.name())) {
        mine.add(l);
      }
    }
    List<HolderGroup> groups = HolderGroups.of(mine, now, false);
    LastExhausted.Entry last = registry.lastExhausted(pool.name());
    PoolEvent event = last == null ? null : last.event;
    return new PoolSnapshot(pool.name(), pool.db(), System.currentTimeMillis(), mine.size(), pool.waiting(),
        pool.max(), pool.active(), pool.idle(), groups, pool.lostCount(), pool.lastLostSite(), event, last == null ? 0 : last.atMillis);
  }
}
