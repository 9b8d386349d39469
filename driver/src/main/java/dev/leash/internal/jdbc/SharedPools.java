package dev.leash.internal.jdbc;

import dev.leash.config.LeashConfig;
import dev.leash.internal.track.Pool;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pools of one runtime that are shared by (name, URL, configuration): every connection the {@code jdbc:leash:}
 * driver opens straight from a URL, a pool opening connections through it, a data source that has named itself.
 * One {@link Pool} per key, so its stack intern table and counts are shared by all its connections. One instance
 * per runtime ({@link TrackingRuntime#pools()}), each with its own registry's pools; bounded.
 */
public final class SharedPools {

  private static final int MAX_POOLS = 1024;

  private final TrackingRuntime runtime;
  private final ConcurrentHashMap<Key, Pool> pools = new ConcurrentHashMap<>();

  /** For the runtime that holds it: its pools are created in {@code runtime}'s registry, when first asked for. */
  public SharedPools(TrackingRuntime runtime) {
    this.runtime = runtime;
  }

  /** The pool named {@code name} over {@code db} (masked) with {@code config}; created on first use. */
  Pool of(String name, String db, LeashConfig config) {
    return of(name, db, config, false);
  }

  /** As {@link #of(String, String, LeashConfig)}; a new pool is provisional (renamed later) if asked. */
  Pool of(String name, String db, LeashConfig config, boolean provisional) {
    Key key = new Key(name, db, config);
    Pool known = pools.get(key);
    if (known != null) {
      return known;
    }
    Pool made = new Pool(runtime.registry(), name, db, config, provisional);
    if (pools.size() >= MAX_POOLS) {
      return made; // pathological: thousands of distinct URLs; track without sharing
    }
    Pool raced = pools.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  private static final class Key {
    private final String name;
    private final String db;
    private final LeashConfig config;

    Key(String name, String db, LeashConfig config) {
      this.name = name;
      this.db = db;
      this.config = config;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return name.equals(k.name) && db.equals(k.db) && config.equals(k.config);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, db, config);
    }
  }
}
