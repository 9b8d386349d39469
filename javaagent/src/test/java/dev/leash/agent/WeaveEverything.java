package dev.leash.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Weaves every JDBC class (what {@link JdbcTransformer} weaves: implementations of {@code DataSource}, {@code Driver},
 * {@code Connection}, {@code Statement} and its sub-interfaces, and their superclasses) in a set of jars, exactly as
 * the agent does, and makes the JVM verify each woven class. Two throwaway class loaders over the same jars define
 * every class themselves: one the original bytes, one what the transformer returns. Each candidate is linked in
 * both (linking runs the bytecode verifier); a class whose woven form fails where its original links, or fails
 * differently, is a weaving bug. A class whose original does not link either (an optional dependency missing from
 * the class path) is counted as skipped.
 *
 * <p>Run in-process by {@link JdbcWeaverCoverageTest} and, on every JDK the agent is tested on, as a program by
 * {@link JdbcWeaverCoverageIT}: {@code java -cp <test class path> dev.leash.agent.WeaveEverything <jar>...} prints
 * one summary line and exits 1 on a failure.
 */
final class WeaveEverything {

  /** What one run found. */
  static final class Result {
    /** Woven class name → the jar it came from. */
    final Map<String, String> woven = new ConcurrentHashMap<>();
    /** Candidates whose original does not link on this class path either (name → why). */
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** Candidates whose woven form does not link while the original does (name → the error). */
    final Map<String, Throwable> failures = new LinkedHashMap<>();
    int candidates;
    long transformErrors;

    String summary() {
      Map<String, Long> perJar = woven.values().stream()
          .collect(Collectors.groupingBy(j -> j, java.util.TreeMap::new, Collectors.counting()));
      return "woven and verified " + (woven.size() - failures.size()) + " of " + woven.size() + " woven classes ("
          + candidates + " JDBC candidates, " + skipped.size() + " skipped: original does not link either, "
          + failures.size() + " failed, " + transformErrors + " transformer errors) on JDK "
          + Runtime.version().feature() + "; per jar: " + perJar;
    }
  }

  private WeaveEverything() {}

  public static void main(String[] args) throws Exception {
    List<Path> jars = args.length > 0
        ? Collections.unmodifiableList(java.util.Arrays.stream(args).map(Paths::get).collect(Collectors.toList()))
        : classPathJars();
    Result r = run(jars);
    System.out.println(r.summary());
    r.failures.forEach((name, t) -> System.out.println("FAILED " + name + ": " + t));
    System.exit(r.failures.isEmpty() && r.transformErrors == 0 ? 0 : 1);
  }

  /** The jars of this JVM's class path, but Leash's own (never woven) and the surefire booter's. */
  static List<Path> classPathJars() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      String file = new File(entry).getName();
      if (file.endsWith(".jar") && !file.startsWith("leash-") && !file.startsWith("surefire")
          && Files.isRegularFile(Paths.get(entry))) {
        jars.add(Paths.get(entry));
      }
    }
    return jars;
  }

  static Result run(List<Path> jars) throws IOException {
    Result result = new Result();
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = jars.get(i).toUri().toURL();
    }
    long errorsBefore = JdbcTransformer.ERRORS.get();
    try (Isolated original = new Isolated(urls, null, null);
        Isolated woven = new Isolated(urls, new JdbcTransformer(null), result)) {
      Set<String> candidates = candidates(jars, original);
      result.candidates = candidates.size();
      for (String name : candidates) {
        Throwable before = linkFailure(name, original);
        Throwable after = linkFailure(name, woven);
        if (before != null) {
          if (after != null && !sameFailure(before, after)) {
            result.failures.put(name, after);
          } else {
            result.skipped.put(name, String.valueOf(before));
          }
        } else if (after != null) {
          result.failures.put(name, after);
        }
      }
      // A woven superclass is linked with its subclass above; any woven class not linked yet is linked here.
      for (String name : new ArrayList<>(result.woven.keySet())) {
        if (!candidates.contains(name) && !result.failures.containsKey(name)) {
          Throwable after = linkFailure(name, woven);
          if (after != null && linkFailure(name, original) == null) {
            result.failures.put(name, after);
          }
        }
      }
    }
    result.transformErrors = JdbcTransformer.ERRORS.get() - errorsBefore;
    return result;
  }

  /**
   * Every concrete class in {@code jars} that the agent would look at (not passed over by name) and that implements
   * one of the instrumented interfaces, decided from the class files as the agent decides.
   */
  private static Set<String> candidates(List<Path> jars, ClassLoader reader) throws IOException {
    JdbcTypes types = new JdbcTypes();
    Set<String> out = new TreeSet<>();
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          String entry = entries.nextElement().getName();
          if (!entry.endsWith(".class") || entry.startsWith("META-INF/") || entry.endsWith("module-info.class")) {
            continue;
          }
          String internal = entry.substring(0, entry.length() - ".class".length());
          if (JdbcTransformer.ignored(internal)) {
            continue;
          }
          byte[] bytes;
          try (InputStream in = file.getInputStream(file.getJarEntry(entry))) {
            bytes = in.readAllBytes();
          }
          ClassHeader header = ClassHeader.parse(bytes);
          if (header.isInterface() || (header.access & ClassHeader.ACC_SYNTHETIC) != 0) {
            continue;
          }
          if (types.classify(reader, internal, header).kinds != 0) {
            out.add(internal.replace('/', '.'));
          }
        }
      }
    }
    return out;
  }

  /**
   * Loads and links {@code name} in {@code loader} without initialising it; what went wrong, or null. Asking a class
   * for its declared methods makes HotSpot link it first, and linking verifies the bytecode of the class and of its
   * superclasses.
   */
  static Throwable linkFailure(String name, ClassLoader loader) {
    try {
      Class<?> c = Class.forName(name, false, loader);
      c.getDeclaredMethods();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private static boolean sameFailure(Throwable a, Throwable b) {
    return a.getClass() == b.getClass() && String.valueOf(a.getMessage()).equals(String.valueOf(b.getMessage()));
  }

  /**
   * Defines every class of the jars itself (parent: the platform loader, for {@code java.sql} and the like), through
   * {@code transformer} when there is one, as the JVM would call the agent's. Leash's classes (the bootstrap hooks
   * the woven code calls) come from the loader that loaded this class.
   */
  static final class Isolated extends URLClassLoader {
    private final JdbcTransformer transformer;
    private final Result result;

    Isolated(URL[] urls, JdbcTransformer transformer, Result result) {
      super("leash-weave-check", urls, ClassLoader.getPlatformClassLoader());
      this.transformer = transformer;
      this.result = result;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("dev.leash.")) {
        return WeaveEverything.class.getClassLoader().loadClass(name);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = getParent().loadClass(name);
          } catch (ClassNotFoundException notTheJdks) {
            c = findClass(name);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String internal = name.replace('.', '/');
      URL url = findResource(internal + ".class");
      if (url == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes;
      try (InputStream in = url.openStream()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
      if (transformer != null) {
        byte[] woven = transformer.transform(getUnnamedModule(), this, internal, null, null, bytes);
        if (woven != null) {
          result.woven.put(name, jarOf(url));
          bytes = woven;
        }
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    private String jarOf(URL url) {
      String s = url.toString();
      int bang = s.indexOf("!/");
      String jar = bang < 0 ? s : s.substring(0, bang);
      return jar.substring(jar.lastIndexOf('/') + 1);
    }
  }
}
