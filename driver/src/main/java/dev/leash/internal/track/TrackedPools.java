package dev.leash.internal.track;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The pools Leash has tracked so far, in the order it first saw them, so that dumps list a pool even
 * while none of its connections is open. Held weakly (a dropped pool goes) and bounded.
 */
final class TrackedPools {

  private static final int MAX_LISTED_POOLS = 1024;

  private final List<WeakReference<Pool>> pools = new ArrayList<>();

  void add(Pool pool) {
    synchronized (pools) {
      if (pool.listed) {
        return;
      }
      pools.removeIf(r -> r.get() == null);
      if (pools.size() < MAX_LISTED_POOLS) {
        pools.add(new WeakReference<>(pool));
        pool.listed = true;
      }
    }
  }

  List<Pool> list() {
    List<Pool> out = new ArrayList<>();
    synchronized (pools) {
      for (WeakReference<Pool> r : pools) {
        Pool o = r.get();
        if (o != null) {
          out.add(o);
        }
      }
    }
    return out;
  }
}
