package dev.leash.internal.track;

import dev.leash.event.HolderGroup;
import dev.leash.event.PoolEvent;
import dev.leash.event.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@link PoolSnapshot}s from the registry's open leases, with the same grouping and order as
 * the holders report ({@link HoldersReport#group}), so the data and the text never disagree.
 */
public final class Snapshots {

  /** Thread names kept per group: a pool of 200 leaked connections must not make a 200-name list. */
  static final int MAX_THREAD_NAMES = 20;
  /** Distinct contexts kept per group. */
  static final int MAX_CONTEXTS = 20;

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
    List<HolderGroup> groups = new ArrayList<>();
    for (HoldersReport.Group g : HoldersReport.group(mine, now)) {
      groups.add(holderGroup(g));
    }
    LastExhausted.Entry last = registry.lastExhausted(owner.name());
    PoolEvent event = last == null ? null : last.event;
    return new PoolSnapshot(owner.name(), owner.db(), System.currentTimeMillis(), mine.size(), owner.waiting(),
        owner.max(), owner.active(), owner.idle(), groups, owner.lostCount(), owner.lastLostSite(), event, last == null ? 0 : last.atMillis);
  }

  private static HolderGroup holderGroup(HoldersReport.Group g) {
    List<String> threads = new ArrayList<>(g.threads);
    if (threads.size() > MAX_THREAD_NAMES) {
      threads = threads.subList(0, MAX_THREAD_NAMES);
    }
    long maxIdle = g.idle > 0 ? millis(g.maxIdle) : 0;
    return new HolderGroup(g.site, g.path, g.count(), g.busy, millis(g.minHeld), millis(g.maxHeld), maxIdle, threads,
        contexts(g), g.leases.get(0).stack());
  }

  /** The first few distinct request contexts of the group's leases (as many as the holders report shows). */
  private static List<java.util.Map<String, String>> contexts(HoldersReport.Group g) {
    java.util.Set<java.util.Map<String, String>> out = new java.util.LinkedHashSet<>();
    for (Lease l : g.leases) {
      java.util.Map<String, String> c = l.context();
      if (!c.isEmpty() && out.size() < HoldersReport.CONTEXTS_SHOWN) {
        out.add(c);
      }
    }
    return new ArrayList<>(out);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
