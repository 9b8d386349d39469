package dev.leash.agent;

import dev.leash.internal.ConfigProblems;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.config.ConfigLoader;
import dev.leash.internal.track.HolderGroups;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.internal.util.LastResort;
import dev.leash.report.ReportText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The agent's entry points: {@code -javaagent:leash-agent.jar[=key=value,...]} ({@link #premain}) and a
 * live attach ({@link #agentmain}, used by {@code leash-agent.jar attach|dump}).
 *
 * <p>Does as little as possible: reads the arguments, puts the tiny hook classes on the bootstrap
 * class path, registers {@link JdbcTransformer} (plain JDK and ASM: a name and header check per class, weaving
 * only the JDBC ones). No logging, JMX or JUL here (application servers set those up
 * after agents run); reports start with the first tracked connection. Catches everything: a bad
 * argument or setting is one WARN line on stderr (the key keeps its default), an internal failure one
 * line, and the application starts normally.
 */
public final class LeashAgent {

  /** The bootstrap-visible hook classes, injected as they are in this jar. */
  static final String[] BOOTSTRAP_CLASSES = {
      "dev.leash.agent.bootstrap.LeashHooks", "dev.leash.agent.bootstrap.LeashHooks$Delegate"};
  /** Agent argument (from {@code leash-agent.jar dump}) asking for the holders report in a file; never a configuration key. */
  static final String DUMP_ARGUMENT = "dump=";

  private static boolean installed;

  private LeashAgent() {}

  /** {@code -javaagent}: called on the main thread before the application's {@code main}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** Live attach: installs the agent (retransforming classes already loaded), or writes a dump. */
  public static void agentmain(String args, Instrumentation inst) {
    if (args != null && args.startsWith(DUMP_ARGUMENT)) {
      dump(Paths.get(args.substring(DUMP_ARGUMENT.length())));
      return;
    }
    start(args, inst, true);
  }

  private static synchronized void start(String args, Instrumentation inst, boolean attach) {
    JdbcTransformer transformer = null;
    boolean delegateInstalled = false;
    try {
      if (installed) {
        LastResort.print("the agent is already running in this JVM; this load changes nothing");
        return;
      }
      ConfigLoader.Result result = ConfigLoader.loadForAgent(args);
      // No logging is up before the application's main: the WARN goes to stderr, in the reporter's format.
      ConfigProblems.printOnStderr(result.problems());
      injectHooks(inst);
      TrackingDelegate.install(result.config());
      delegateInstalled = true;
      transformer = new JdbcTransformer(inst);
      // At premain nothing JDBC is loaded yet: no retransformation, and others' retransformations keep our weaving.
      inst.addTransformer(transformer, attach);
      if (attach) {
        transformer.retransformLoaded();
      }
      installed = true;
    } catch (Throwable t) {
      LastResort.print("the agent could not start; the application runs without Leash: " + t);
      undo(inst, transformer, delegateInstalled);
    }
  }

  /**
   * A start that failed half-way leaves nothing behind: no transformer weaving new classes, hooks that do nothing
   * (classes already woven keep calling them), and the jdbc:leash: driver inferring pool borrows again, since the
   * agent will not see them.
   */
  private static void undo(Instrumentation inst, JdbcTransformer transformer, boolean delegateInstalled) {
    try {
      if (transformer != null) {
        inst.removeTransformer(transformer);
      }
      if (delegateInstalled) {
        TrackingDelegate.uninstall();
      }
    } catch (Throwable t) {
      LastResort.print("the agent could not undo its failed start: " + t);
    }
  }

  /**
   * Defines the hook classes in the bootstrap class loader, so that advice inlined into classes of any
   * class loader resolves them. Their copies in this jar are never loaded by the system loader: it
   * asks the bootstrap loader first.
   *
   * <p>Defined directly, with the JDK's internal {@code Unsafe.defineClass} (its package exported to this jar's
   * module through {@code Instrumentation}; plain reflection, no Byte Buddy at premain), rather than by appending
   * a jar to the bootstrap class path, because that append makes HotSpot before JDK 24 turn class data sharing
   * off for application classes and print a warning on every start. The internal {@code Unsafe} is not the
   * {@code sun.misc.Unsafe} whose memory methods JDK 24+ warns about (JEP 498). Where direct definition fails,
   * the hooks go on the bootstrap class path as a small temporary jar.
   */
  private static void injectHooks(Instrumentation inst) throws IOException {
    if (bootstrapHasHooks()) {
      return;
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (String name : BOOTSTRAP_CLASSES) {
      classes.put(name, bytes(name));
    }
    try {
      defineInBootstrap(inst, classes);
      return;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notAvailable) {
      // fall back to the bootstrap class path below
    }
    Path jar = Files.createTempFile("leash-hooks", ".jar");
    jar.toFile().deleteOnExit();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
        out.write(c.getValue());
        out.closeEntry();
      }
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
  }

  private static void defineInBootstrap(Instrumentation inst, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    Module self = LeashAgent.class.getModule();
    inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(self)), Map.of(),
        Set.of(), Map.of());
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
        ClassLoader.class, ProtectionDomain.class);
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      define.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
    }
  }

  private static boolean bootstrapHasHooks() {
    try {
      Class.forName(BOOTSTRAP_CLASSES[0], false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static byte[] bytes(String className) throws IOException {
    String resource = className.replace('.', '/') + ".class";
    try (InputStream in = LeashAgent.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource + " in the agent jar");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /** Writes the holders report (or why there is none) to {@code file}, for {@code leash-agent.jar dump}. */
  private static synchronized void dump(Path file) {
    try {
      String text;
      if (!installed) {
        text = "Leash is not running in this JVM: start it with -javaagent:leash-agent.jar or leash-agent.jar attach <pid>.\n";
      } else if (!LeashRuntime.created()) {
        text = ReportText.holdersByPool(java.util.Collections.emptyList(), 0);
      } else {
        LeaseRegistry registry = LeashRuntime.registry();
        text = ReportText.holdersByPool(HolderGroups.byPool(registry.openLeases(), registry.trackedPools(),
            registry.clock().nanoTime()), registry.droppedLeases());
      }
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (Throwable t) {
      LastResort.print("could not write the holders report to " + file + ": " + t);
    }
  }
}
