package dev.leash.internal.track;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every thread's stack, virtual threads included, on JDK 21+: {@code ThreadMXBean} and
 * {@code Thread.getAllStackTraces()} list platform threads only, so a pool whose waiters are virtual
 * threads (Spring Boot's {@code spring.threads.virtual.enabled=true}) looks empty of waiters to them. The
 * JDK's own thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}, JSON) lists the virtual threads of
 * every thread container; it is written to a file in a private temporary directory, read and deleted at
 * once. Used by the URL-mode watchdog only when a dry pool's holders are virtual threads, and cost-limited
 * there like every other reading. Reached by reflection: Leash is compiled for Java 11.
 */
final class ThreadDumpFile {

  /** One thread of the dump. */
  static final class DumpedThread {
    final long id;
    final String name;
    final boolean virtual;
    final StackTraceElement[] stack;

    DumpedThread(long id, String name, boolean virtual, StackTraceElement[] stack) {
      this.id = id;
      this.name = name;
      this.virtual = virtual;
      this.stack = stack;
    }

    /** The name a report gives it (see {@link ThreadNames}). */
    String reportName() {
      return name != null && !name.isEmpty() ? name : (virtual ? "virtual#" : "thread#") + id;
    }
  }

  private final Object bean;
  private final Method dumpThreads;
  private final Object json;
  private Path dir;
  private long dumps;

  private ThreadDumpFile(Object bean, Method dumpThreads, Object json) {
    this.bean = bean;
    this.dumpThreads = dumpThreads;
    this.json = json;
  }

  /**
   * The dumper of this JVM, or throws with the reason it has none (a JDK before 21, or a JVM without
   * {@code com.sun.management}).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static ThreadDumpFile create() throws ReflectiveOperationException {
    Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
    Class<? extends Enum> format = (Class<? extends Enum>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
    Object bean = ManagementFactory.getPlatformMXBean((Class) beanType);
    if (bean == null) {
      throw new ClassNotFoundException("no HotSpotDiagnosticMXBean in this JVM");
    }
    return new ThreadDumpFile(bean, beanType.getMethod("dumpThreads", String.class, format), Enum.valueOf(format, "JSON"));
  }

  /** Dumps and parses every thread; never leaves a file behind. */
  List<DumpedThread> read() throws Exception {
    if (dir == null) {
      dir = Files.createTempDirectory("leash-threads");
      dir.toFile().deleteOnExit();
    }
    Path file = dir.resolve("threads-" + (dumps++) + ".json");
    try {
      dumpThreads.invoke(bean, file.toAbsolutePath().toString(), json);
      return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Reads the JDK's JSON thread dump, as the JDK writes it (one key per line): each thread's {@code tid},
   * {@code name}, {@code virtual} and {@code stack}. Keys it does not know are skipped, so later JDKs that
   * add some still parse.
   */
  static List<DumpedThread> parse(String dump) {
    List<DumpedThread> threads = new ArrayList<>();
    long id = -1;
    String name = null;
    boolean virtual = false;
    List<StackTraceElement> stack = null;
    boolean inStack = false;
    for (String raw : dump.split("\n")) {
      String line = raw.trim();
      if (inStack) {
        if (line.startsWith("]")) {
          inStack = false;
          threads.add(new DumpedThread(id, name, virtual, stack.toArray(new StackTraceElement[0])));
          id = -1;
          name = null;
          virtual = false;
        } else if (line.startsWith("\"")) {
          StackTraceElement e = frame(unquote(line.endsWith(",") ? line.substring(0, line.length() - 1) : line));
          if (e != null) {
            stack.add(e);
          }
        }
      } else if (line.startsWith("\"tid\":")) {
        id = Long.parseLong(unquote(value(line)));
      } else if (line.startsWith("\"name\":")) {
        name = unquote(value(line));
      } else if (line.startsWith("\"virtual\":")) {
        virtual = value(line).startsWith("true");
      } else if (line.startsWith("\"stack\":") && id >= 0) {
        stack = new ArrayList<>();
        inStack = !line.endsWith("]") && !line.endsWith("],");
        if (!inStack) {
          threads.add(new DumpedThread(id, name, virtual, new StackTraceElement[0]));
          id = -1;
          name = null;
          virtual = false;
        }
      }
    }
    return threads;
  }

  private static String value(String line) {
    String v = line.substring(line.indexOf(':') + 1).trim();
    return v.endsWith(",") ? v.substring(0, v.length() - 1) : v;
  }

  /** A JSON string's content: the escapes the JDK writes ({@code \/}, {@code \"}, {@code \\}, {@code \\uXXXX}). */
  static String unquote(String s) {
    if (s.length() < 2 || s.charAt(0) != '"') {
      return s;
    }
    String body = s.substring(1, s.length() - 1);
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder b = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        b.append(c);
        continue;
      }
      char n = body.charAt(++i);
      switch (n) {
        case 'u':
          if (i + 4 < body.length()) {
            b.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
            i += 4;
          }
          break;
        case 'n':
          b.append('\n');
          break;
        case 't':
          b.append('\t');
          break;
        default:
          b.append(n);
      }
    }
    return b.toString();
  }

  /**
   * A frame as {@link StackTraceElement#toString()} writes it: {@code [loader/][module@version/]Class.method(File.java:12)},
   * {@code (Native Method)} or {@code (Unknown Source)}; null if it is not one.
   */
  static StackTraceElement frame(String s) {
    int open = s.lastIndexOf('(');
    int close = s.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    String qualified = s.substring(s.lastIndexOf('/', open) + 1, open);
    int dot = qualified.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String where = s.substring(open + 1, close);
    String file = null;
    int line = -1;
    if (where.equals("Native Method")) {
      line = -2;
    } else if (!where.equals("Unknown Source")) {
      int colon = where.lastIndexOf(':');
      file = colon < 0 ? where : where.substring(0, colon);
      if (colon >= 0) {
        try {
          line = Integer.parseInt(where.substring(colon + 1));
        } catch (NumberFormatException e) {
          line = -1;
        }
      }
    }
    return new StackTraceElement(qualified.substring(0, dot), qualified.substring(dot + 1), file, line);
  }
}
