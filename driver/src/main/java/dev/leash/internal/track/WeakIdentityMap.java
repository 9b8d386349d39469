package dev.leash.internal.track;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values. Used to find the
 * lease of a connection object Leash did not wrap (agent mode) and the owner of a data source,
 * without keeping either alive. Entries whose key was collected are purged on later writes.
 */
public final class WeakIdentityMap<V> {

  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> stale = new ReferenceQueue<>();

  /** The value for {@code key}, or null. Allocates one small probe object. */
  public V get(Object key) {
    return map.get(new Probe(key));
  }

  /** Associates {@code value} with {@code key}; returns the stored key, which {@link #removeKey} accepts even after collection. */
  public Object put(Object key, V value) {
    purge();
    WeakKey k = new WeakKey(key, stale);
    map.put(k, value);
    return k;
  }

  /** Stores {@code value} unless {@code key} already has one; returns the value now stored. */
  public V putIfAbsent(Object key, V value) {
    purge();
    V known = map.putIfAbsent(new WeakKey(key, stale), value);
    return known != null ? known : value;
  }

  /** Removes the entry of {@code key}; returns its value or null. */
  public V remove(Object key) {
    return map.remove(new Probe(key));
  }

  /** Removes the entry stored under {@code storedKey} (as returned by {@link #put}). */
  public void removeKey(Object storedKey) {
    map.remove(storedKey);
  }

  public int size() {
    return map.size();
  }

  private void purge() {
    Object ref;
    while ((ref = stale.poll()) != null) {
      map.remove(ref);
    }
  }

  private static final class WeakKey extends WeakReference<Object> {
    private final int hash;

    WeakKey(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      Object mine = get();
      if (mine == null) {
        return false;
      }
      if (o instanceof WeakKey) {
        return mine == ((WeakKey) o).get();
      }
      return o instanceof Probe && mine == ((Probe) o).referent;
    }
  }

  /** A lookup key: a strong reference that lives only for the duration of one call. */
  private static final class Probe {
    private final Object referent;
    private final int hash;

    Probe(Object referent) {
      this.referent = referent;
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WeakKey ? ((WeakKey) o).get() == referent : o instanceof Probe && ((Probe) o).referent == referent;
    }
  }
}
