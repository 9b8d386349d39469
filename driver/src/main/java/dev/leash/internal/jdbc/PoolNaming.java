package dev.leash.internal.jdbc;

import dev.leash.internal.pool.PoolAdapter;
import dev.leash.internal.util.Secrets;
import dev.leash.internal.track.Pool;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * URL mode's way to the pool's own name ({@link PoolAdapter.Naming}). The driver never sees the pool
 * object, but a pool that names its threads after itself says its name there: on the thread that opens a
 * connection, or, for the first connections (opened on the application's thread while the pool starts),
 * on its housekeeping thread, which runs from the moment the pool has started. A pool that registers
 * itself with JMX before it opens its first connection says it there, next to the URL it connects to.
 */
final class PoolNaming {

  private PoolNaming() {}

  /** Renames a provisional owner if the current thread is one {@code pool} named after itself. Cheap. */
  static void fromThisThread(Pool owner, PoolAdapter pool) {
    if (owner.provisional()) {
      owner.rename(pool.naming().poolNameFromThread(Thread.currentThread().getName()));
    }
  }

  /**
   * The names of the pools of this kind whose threads are alive now: taken when a pool opens a connection
   * on an application thread (it is starting, its own threads do not exist yet), so that the one pool that
   * appears after it can be told from the pools that were there before. Null if the threads cannot be read.
   */
  static Set<String> namesNow(PoolAdapter pool) {
    try {
      Set<String> names = new HashSet<>();
      for (Thread t : liveThreads()) {
        String name = t == null ? null : pool.naming().poolNameFromThread(t.getName());
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
  static void fromNewPoolThreads(Pool owner, PoolAdapter pool, Set<String> before) {
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

  /**
   * The JMX name of the one pool of {@code pool}'s kind registered with the platform MBean server whose
   * {@code Url} attribute is {@code maskedDb} once masked (with or without {@code jdbc:leash:}), or null if
   * none is, or several are (which one opens this connection cannot be told), or JMX cannot be read.
   * Called when a pool opens a physical connection, never per borrow: it asks every registered MBean.
   */
  static String fromJmx(PoolAdapter pool, String maskedDb) {
    List<String> classes = pool.naming().jmxClasses();
    if (classes.isEmpty()) {
      return null;
    }
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      String found = null;
      for (ObjectName name : server.queryNames(null, null)) {
        if (isPoolWithUrl(server, name, classes, maskedDb)) {
          if (found != null) {
            return null;
          }
          found = name.toString();
        }
      }
      return found;
    } catch (RuntimeException | LinkageError e) {
      return null; // the stand-in name stays; nothing may reach the application's JDBC call
    }
  }

  /**
   * Whether the MBean {@code name} is one of {@code classes} (its class name as registered: a string compare,
   * no class loading, as most MBeans are the JVM's own) connecting to {@code maskedDb}.
   */
  private static boolean isPoolWithUrl(MBeanServer server, ObjectName name, List<String> classes, String maskedDb) {
    try {
      return classes.contains(server.getObjectInstance(name).getClassName())
          && maskedDb.equals(maskedRealUrl(server.getAttribute(name, "Url")));
    } catch (Exception | LinkageError e) {
      return false; // unregistered meanwhile, or its URL cannot be read: not this pool
    }
  }

  private static String maskedRealUrl(Object url) {
    if (!(url instanceof String)) {
      return null;
    }
    String u = (String) url;
    if (JdbcUrls.isLeashUrl(u)) {
      u = "jdbc:" + u.substring(JdbcUrls.PREFIX.length());
    }
    return Secrets.maskUrl(u);
  }
}
