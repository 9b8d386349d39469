package dev.leash.agent;

import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the JDBC interfaces the agent instruments ({@code DataSource},
 * {@code Driver}, {@code Connection}, {@code Statement} and its sub-interfaces) a class implements, decided from class file
 * bytes alone: the class's own header, then its super types' class files read through the defining class
 * loader ({@code getResourceAsStream}), never loading a class. Answers are cached per class loader (weakly,
 * and at most {@link #MAX_TYPES_PER_LOADER} per loader), so each super type is read once however many
 * classes share it.
 *
 * <p>Types of the JDK's {@code java.*} packages are answered from the list, with no look-up: none of them but
 * the listed interfaces is a JDBC type the agent cares about.
 */
final class JdbcTypes {

  static final int DATA_SOURCE = 1;
  static final int DRIVER = 2;
  static final int CONNECTION = 4;
  static final int STATEMENT = 8;
  static final Map<String, Integer> INTERFACES = Map.of("javax/sql/DataSource", DATA_SOURCE, "java/sql/Driver", DRIVER,
      "java/sql/Connection", CONNECTION, "java/sql/Statement", STATEMENT, "java/sql/PreparedStatement", STATEMENT,
      "java/sql/CallableStatement", STATEMENT);
  static final int MAX_TYPES_PER_LOADER = 65_536;
  /** Deeper hierarchies than this are not followed (and a cyclic one, which no JVM would define, ends here). */
  private static final int MAX_DEPTH = 40;

  /** What is known of one type: which JDBC interfaces it implements (bits, 0 for none), and its superclass (null at the top). */
  static final class Known {
    static final Known UNREADABLE = new Known(0, null);

    final int kinds;
    final String superName;

    Known(int kinds, String superName) {
      this.kinds = kinds;
      this.superName = superName;
    }
  }

  private final Map<ClassLoader, Map<String, Known>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

  /** Classifies a class being defined by {@code loader}, from its already parsed header, and remembers it. */
  Known classify(ClassLoader loader, String name, ClassHeader header) {
    Map<String, Known> cache = cacheOf(loader);
    Known known = new Known(kinds(loader, header, cache, 0), header.superName);
    remember(cache, name, known);
    return known;
  }

  /**
   * The superclasses of {@code known} below {@code java.*}, nearest first, through {@code sink}: the classes that
   * may declare a JDBC method without implementing the interface (Tomcat JDBC's {@code DataSourceProxy}).
   */
  void superclasses(ClassLoader loader, Known known, java.util.function.Consumer<String> sink) {
    Map<String, Known> cache = cacheOf(loader);
    String s = known.superName;
    for (int depth = 0; s != null && !s.startsWith("java/") && depth < MAX_DEPTH; depth++) {
      sink.accept(s);
      s = lookup(loader, s, cache, depth).superName;
    }
  }

  private int kinds(ClassLoader loader, ClassHeader header, Map<String, Known> cache, int depth) {
    int kinds = header.superName == null ? 0 : kindsOf(loader, header.superName, cache, depth);
    for (String i : header.interfaces) {
      kinds |= kindsOf(loader, i, cache, depth);
    }
    return kinds;
  }

  private int kindsOf(ClassLoader loader, String name, Map<String, Known> cache, int depth) {
    Integer kind = INTERFACES.get(name);
    if (kind != null) {
      return kind;
    }
    if (name.startsWith("java/")) {
      return 0;
    }
    return lookup(loader, name, cache, depth).kinds;
  }

  private Known lookup(ClassLoader loader, String name, Map<String, Known> cache, int depth) {
    Known known = cache.get(name);
    if (known != null) {
      return known;
    }
    if (depth >= MAX_DEPTH) {
      return Known.UNREADABLE;
    }
    known = Known.UNREADABLE;
    try (InputStream in = loader.getResourceAsStream(name + ".class")) {
      if (in != null) {
        ClassHeader header = ClassHeader.parse(in.readAllBytes());
        known = new Known(kinds(loader, header, cache, depth + 1), header.superName);
      }
    } catch (Exception | LinkageError unreadable) {
      // Not readable as a class file: like a type Byte Buddy cannot resolve, it is not instrumented.
    }
    remember(cache, name, known);
    return known;
  }

  private static void remember(Map<String, Known> cache, String name, Known known) {
    if (cache.size() < MAX_TYPES_PER_LOADER) {
      cache.put(name, known);
    }
  }

  private Map<String, Known> cacheOf(ClassLoader loader) {
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }
  }
}
