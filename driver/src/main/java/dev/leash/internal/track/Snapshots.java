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

  /** The pool that {@code owner} names, as seen in {@code registry} now. */
  public static PoolSnapshot of(LeaseRegistry registry, LeaseOwner owner) {
    long now = registry.clock().nanoTime();
    List<Lease> mine = new ArrayList<>();
    for (Lease l : registry.openLeases()) {
      if (l.pool().equals(owner.name())) {
        mine.add(l);
      }
    }
    List<HolderGroup> groups = HolderGroups.of(mine, now, false);
    LastExhausted.Entry last = registry.lastExhausted(owner.name());
    PoolEvent event = last == null ? null : last.event;
    return new PoolSnapshot(owner.name(), owner.db(), System.currentTimeMillis(), mine.size(), owner.waiting(),
        owner.max(), owner.active(), owner.idle(), groups, owner.lostCount(), owner.lastLostSite(), event, last == null ? 0 : last.atMillis);
  }
}
