package dev.leash.report;

import dev.leash.event.LeashListener;
import dev.leash.internal.util.LastResort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Chooses where Leash's reports go: the application's SLF4J when Leash can reach it, else stderr.
 *
 * <p>With the Java agent, Leash's classes sit on the system class path while the application's SLF4J
 * may live in a child loader (a Spring Boot executable jar, a servlet container). Then the SLF4J
 * reporter is defined a second time, in a small loader whose parent is the thread's context loader:
 * its {@code org.slf4j} references resolve to the application's SLF4J, every other Leash class
 * (the event types it implements) comes from Leash's own loader, so the registry can call it.
 */
public final class Reporters {

  private static final String SLF4J_PROBE = "org.slf4j.LoggerFactory";

  private Reporters() {}

  /**
   * The reporter for this process: SLF4J from Leash's loader, else SLF4J via the context loader, else
   * stderr. {@code offload} moves the log calls that arise on application threads to Leash's
   * reporting thread (see {@link Slf4jReporter}).
   */
  public static LeashListener create(Consumer<Runnable> offload) {
    ClassLoader own = Reporters.class.getClassLoader();
    if (visible(own)) {
      try {
        return new Slf4jReporter(offload);
      } catch (Throwable t) {
        return stderr("SLF4J is present but unusable (" + t + ")");
      }
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != own && visible(context)) {
      try {
        Class<?> c = Class.forName(Slf4jReporter.class.getName(), true, new ReportLoader(context, own));
        return (LeashListener) accessible(c.getDeclaredConstructor(Consumer.class)).newInstance(offload);
      } catch (Throwable t) {
        return stderr("the application's SLF4J could not be used (" + t + ")");
      }
    }
    return new StderrReporter();
  }

  /** The stderr reporter alone: for what must be said before any logging is up (the agent's {@code premain}). */
  public static LeashListener stderr() {
    return new StderrReporter();
  }

  /**
   * A reader of the application's SLF4J MDC (key → value, on the calling thread), found the way the
   * reporter is: through Leash's loader, else through the context loader; null without SLF4J.
   */
  public static UnaryOperator<String> mdc() {
    ClassLoader own = Reporters.class.getClassLoader();
    try {
      if (visible(own)) {
        return new MdcReader();
      }
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null && context != own && visible(context)) {
        Class<?> c = Class.forName(MdcReader.class.getName(), true, new ReportLoader(context, own));
        @SuppressWarnings("unchecked")
        UnaryOperator<String> reader = (UnaryOperator<String>) accessible(c.getDeclaredConstructor()).newInstance();
        return reader;
      }
    } catch (Throwable t) {
      LastResort.print("the MDC cannot be read, reports carry no request context (" + t + ")");
    }
    return null;
  }

  /**
   * The reporter classes are package-private (not API), and a copy defined by {@link ReportLoader} is in another
   * run-time package than this class: reflection may call its constructor only once told to.
   */
  private static <T> java.lang.reflect.Constructor<T> accessible(java.lang.reflect.Constructor<T> c) {
    c.setAccessible(true);
    return c;
  }

  private static LeashListener stderr(String why) {
    LastResort.print("reports go to stderr: " + why);
    return new StderrReporter();
  }

  private static boolean visible(ClassLoader loader) {
    try {
      Class.forName(SLF4J_PROBE, false, loader);
      return true;
    } catch (Throwable notThere) {
      return false;
    }
  }

  /**
   * Defines Leash's {@code dev.leash.report} classes afresh (so they link against the context loader's
   * SLF4J), takes every other {@code dev.leash} class from Leash's loader, and the rest from the context loader.
   */
  static final class ReportLoader extends ClassLoader {
    private static final String OWN_PACKAGE = "dev.leash.report.";
    private final ClassLoader leash;

    ReportLoader(ClassLoader context, ClassLoader leash) {
      super(context);
      this.leash = leash;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          if (name.startsWith(OWN_PACKAGE) && name.indexOf('.', OWN_PACKAGE.length()) < 0) {
            c = define(name);
          } else if (name.startsWith("dev.leash.")) {
            c = Class.forName(name, false, leash);
          } else {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
      String resource = name.replace('.', '/') + ".class";
      try (InputStream in = leash == null ? ClassLoader.getSystemResourceAsStream(resource) : leash.getResourceAsStream(resource)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        byte[] bytes = buf.toByteArray();
        return defineClass(name, bytes, 0, bytes.length, Reporters.class.getProtectionDomain());
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
