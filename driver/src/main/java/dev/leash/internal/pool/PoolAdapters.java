package dev.leash.internal.pool;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pools Leash knows, and the questions the generic code asks of all of them at once. Adding a pool is
 * one {@link PoolAdapter} subclass and one line in {@link #ALL}.
 */
public final class PoolAdapters {

  /**
   * Every adapter. The order decides which name getter comes first on a data source no adapter owns (a
   * subclass in the application's package): HikariCP's {@code getPoolName}, c3p0's {@code getDataSourceName},
   * Tomcat JDBC's {@code getName}, DBCP2's {@code getJmxName} ({@link #allNameGetters}).
   */
  private static final List<PoolAdapter> ALL = List.of(
      new HikariAdapter(),
      new C3p0Adapter(),
      new TomcatJdbcAdapter(),
      new Dbcp2Adapter(),
      new AgroalAdapter(),
      new ViburAdapter(),
      new H2PoolAdapter(),
      new OracleUcpAdapter());

  /**
   * Pools Leash has no adapter for, known only by their packages: never a lease's site (the pool, not the
   * line that asked it, would be named). Including the ones a framework ships inside its own package.
   */
  private static final List<String> OTHER_POOLS = List.of(
      "com.jolbox.bonecp.", "org.apache.openjpa.lib.jdbc.", "com.alibaba.druid.pool.",
      "org.apache.ibatis.datasource.", "org.springframework.jdbc.datasource.");

  /** Flattened once: {@link #owning} runs per frame of a physical connect's stack walk. */
  private static final String[] PREFIXES;
  private static final PoolAdapter[] PREFIX_OWNERS;
  private static final List<String> NAME_GETTERS;

  static {
    List<String> prefixes = new ArrayList<>();
    List<PoolAdapter> owners = new ArrayList<>();
    Set<String> getters = new LinkedHashSet<>();
    for (PoolAdapter a : ALL) {
      for (String p : a.packages()) {
        prefixes.add(p);
        owners.add(a);
      }
      getters.addAll(a.naming().getters());
    }
    PREFIXES = prefixes.toArray(new String[0]);
    PREFIX_OWNERS = owners.toArray(new PoolAdapter[0]);
    NAME_GETTERS = List.copyOf(getters);
  }

  private PoolAdapters() {}

  /** Every adapter, in registry order. */
  public static List<PoolAdapter> all() {
    return ALL;
  }

  /** The pool whose classes include {@code className}, or null: for a frame on a stack, or a data source's class. */
  public static PoolAdapter owning(String className) {
    for (int i = 0; i < PREFIXES.length; i++) {
      if (matches(className, PREFIXES[i])) {
        return PREFIX_OWNERS[i];
      }
    }
    return null;
  }

  /** The pool {@code dataSource} belongs to by its class, or null. */
  public static PoolAdapter ofDataSource(Object dataSource) {
    return owning(dataSource.getClass().getName());
  }

  /**
   * The name getters of every pool, in registry order without repeats: tried on a data source no adapter
   * owns, which may still be a pool (a subclass of one in the application's package).
   */
  public static List<String> allNameGetters() {
    return NAME_GETTERS;
  }

  /**
   * Prefixes never a lease's site: every adapter's packages and what it adds ({@link PoolAdapter#alsoNeverTheSite}),
   * and the pools Leash knows only by package.
   */
  public static List<String> neverTheSite() {
    Set<String> all = new LinkedHashSet<>();
    for (PoolAdapter a : ALL) {
      all.addAll(a.packages());
      all.addAll(a.alsoNeverTheSite());
    }
    all.addAll(OTHER_POOLS);
    return List.copyOf(all);
  }

  /**
   * True if {@code t} itself (not its causes) looks like the timeout of one of the pools. Called per failed
   * acquisition, never per borrow.
   */
  public static boolean looksLikeATimeout(Throwable t, String lowerMessage) {
    for (PoolAdapter a : ALL) {
      if (a.timeout().matches(t, lowerMessage)) {
        return true;
      }
    }
    return false;
  }

  /** A package prefix (ending in '.') matches every class under it; a class name matches itself and its nested classes. */
  static boolean matches(String className, String prefix) {
    if (!className.startsWith(prefix)) {
      return false;
    }
    if (prefix.endsWith(".") || className.length() == prefix.length()) {
      return true;
    }
    return className.charAt(prefix.length()) == '$';
  }
}
