package dev.leash.internal.track;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The pools Leash has tracked so far, in the order it first saw them, so that dumps list a pool even
 * while none of its connections is open. Held weakly (a dropped pool's owner goes) and bounded.
 */
final class TrackedPools {

  private static final int MAX_LISTED_POOLS = 1024;

  private final List<WeakReference<LeaseOwner>> pools = new ArrayList<>();

  void add(LeaseOwner owner) {
    synchronized (pools) {
      if (owner.listed) {
        return;
      }
      pools.removeIf(r -> r.get() == null);
      if (pools.size() < MAX_LISTED_POOLS) {
        pools.add(new WeakReference<>(owner));
        owner.listed = true;
      }
    }
  }

  List<LeaseOwner> list() {
    List<LeaseOwner> out = new ArrayList<>();
    synchronized (pools) {
      for (WeakReference<LeaseOwner> r : pools) {
        LeaseOwner o = r.get();
        if (o != null) {
          out.add(o);
        }
      }
    }
    return out;
  }
}
