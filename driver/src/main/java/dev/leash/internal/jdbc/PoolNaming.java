package dev.leash.internal.jdbc;

import dev.leash.internal.track.LeaseOwner;
import java.util.HashSet;
import java.util.Set;

/**
 * URL mode's way to the pool's own name. The driver never sees the pool object, but a pool that names
 * its threads after itself (HikariCP's {@code shop:connection-adder} and {@code shop:housekeeper}) says
 * its name there: on the thread that opens a connection, or, for the first connections (opened on the
 * application's thread while the pool starts), on its housekeeping thread, which runs from the moment
 * the pool has started.
 */
final class PoolNaming {

  private PoolNaming() {}

  /** Renames a provisional owner if the current thread is one {@code pool} named after itself. Cheap. */
  static void fromThisThread(LeaseOwner owner, PoolKind pool) {
    if (owner.provisional()) {
      owner.rename(pool.poolNameFromThread(Thread.currentThread().getName()));
    }
  }

  /**
   * The names of the pools of this kind whose threads are alive now: taken when a pool opens a connection
   * on an application thread (it is starting, its own threads do not exist yet), so that the one pool that
   * appears after it can be told from the pools that were there before. Null if the threads cannot be read.
   */
  static Set<String> namesNow(PoolKind pool) {
    try {
      Set<String> names = new HashSet<>();
      for (Thread t : liveThreads()) {
        String name = t == null ? null : pool.poolNameFromThread(t.getName());
        if (name != null) {
          names.add(name);
        }
      }
      return names;
    } catch (RuntimeException | Error e) {
      return null;
    }
  }

  /**
   * Renames a provisional owner after the one pool of its kind whose threads appeared since {@code before}
   * ({@link #namesNow} when the connection was opened; null: since the JVM started). With two or more, which
   * one opened the connection cannot be told, and the stand-in stays until a pool thread opens one.
   * Enumerates the JVM's threads: call once per physical connection at most.
   */
  static void fromNewPoolThreads(LeaseOwner owner, PoolKind pool, Set<String> before) {
    Set<String> names = namesNow(pool);
    if (names == null) {
      return; // the stand-in name stays; nothing may reach the application's JDBC call
    }
    if (before != null) {
      names.removeAll(before);
    }
    if (names.size() == 1) {
      owner.rename(names.iterator().next());
    }
  }

  private static Thread[] liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    return java.util.Arrays.copyOf(threads, n);
  }
}
