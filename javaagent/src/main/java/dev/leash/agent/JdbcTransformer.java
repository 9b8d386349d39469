package dev.leash.agent;

import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.LeashPackages;
import dev.leash.internal.util.Once;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's class-file transformer: plain JDK plus ASM (about forty classes), no Byte Buddy. It looks at each
 * class a class loader defines, passes over most by name ({@link #ignored}), reads the rest's header (super types,
 * from the class file bytes) and weaves {@link JdbcWeaver}'s hook calls into the candidates. Nothing is loaded
 * to decide: a super type's class file is read through the defining loader ({@link JdbcTypes}), once per loader.
 *
 * <p>Candidates: classes implementing {@code DataSource}, {@code Driver}, {@code Connection} or
 * {@code Statement} (or its sub-interfaces), and their superclasses, which may declare the JDBC method without
 * the interface (Tomcat JDBC's {@code DataSource} inherits {@code getConnection()} from {@code DataSourceProxy},
 * which is no {@code javax.sql.DataSource}). A superclass is loaded while its subclass is being defined, so it
 * is expected ({@link #expect}) when the subclass is seen. On attach, {@link #retransformLoaded} does the same from
 * the classes already loaded, through the {@code Class} API, and retransforms them.
 *
 * <p>Never throws: anything unexpected means "not instrumented" for that class (counted in {@link #ERRORS}, one
 * stderr line with {@code -Ddev.leash.agent.debug=true}).
 */
final class JdbcTransformer implements ClassFileTransformer {

  /** Leash's own classes (internal names): never instrumented. */
  private static final String LEASH = LeashPackages.ROOT.replace('.', '/');

  /** The first failure to weave a class is said even without the debug property: tracking has a gap there. */
  private static final Once WEAVING_FAILED = new Once();

  static final String DEBUG_PROPERTY = "dev.leash.agent.debug";
  /** Classes per retransformation batch on attach: small, so one bad class costs only its batch. */
  static final int RETRANSFORM_BATCH = 50;
  static final AtomicLong TRANSFORMED = new AtomicLong();
  static final AtomicLong ERRORS = new AtomicLong();

  private static final int MAX_PENDING = 4096;
  private static final int SKIPPED_FLAGS = ClassHeader.ACC_INTERFACE | ClassHeader.ACC_SYNTHETIC
      | ClassHeader.ACC_ANNOTATION | ClassHeader.ACC_MODULE;

  private final Instrumentation inst;
  private final boolean debug = Boolean.getBoolean(DEBUG_PROPERTY);
  private final JdbcTypes types = new JdbcTypes();
  /**
   * Classes to weave whatever their own header says, with the interfaces (bits) they are woven for: the
   * superclasses of candidates (defined right after the candidate), and on attach the loaded classes to retransform.
   */
  private final Map<String, Integer> pending = new ConcurrentHashMap<>();
  /** Set while this thread is in the gate: classes loaded by the gate itself are not looked at. */
  private final ThreadLocal<Boolean> inside = new ThreadLocal<>();
  private volatile Module hooksModule;

  JdbcTransformer(Instrumentation inst) {
    this.inst = inst;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) {
    if (loader == null || name == null || ignored(name) || inside.get() != null) {
      return null;
    }
    inside.set(Boolean.TRUE);
    try {
      int kinds;
      if (classBeingRedefined == null) {
        Integer base = pending.isEmpty() ? null : pending.remove(name);
        kinds = (base == null ? 0 : base) | candidateKinds(loader, name, bytes);
      } else {
        // Retransformed or redefined (attach, or another agent): the loaded class says what it implements.
        Integer base = pending.get(name);
        kinds = (base == null ? 0 : base) | kindsOf(classBeingRedefined);
      }
      if (kinds == 0) {
        return null;
      }
      byte[] woven = JdbcWeaver.weave(bytes, kinds);
      if (woven != null) {
        readHooks(module);
        TRANSFORMED.incrementAndGet();
        if (debug) {
          LastResort.print("instrumented " + name.replace('/', '.'));
        }
      }
      return woven;
    } catch (Throwable t) {
      ERRORS.incrementAndGet();
      if (debug || WEAVING_FAILED.first()) {
        LastResort.print("could not instrument " + name.replace('/', '.') + " (the connections of that class are not "
            + "tracked; said once, -D" + DEBUG_PROPERTY + "=true lists every one): " + t);
      }
      return null;
    } finally {
      inside.remove();
    }
  }

  /** The JDBC interfaces (bits) a class being defined implements, 0 for none; its superclasses become pending. */
  private int candidateKinds(ClassLoader loader, String name, byte[] bytes) {
    ClassHeader header = ClassHeader.parse(bytes);
    if ((header.access & SKIPPED_FLAGS) != 0) {
      return 0;
    }
    JdbcTypes.Known known = types.classify(loader, name, header);
    if (known.kinds != 0) {
      types.superclasses(loader, known, s -> expect(s, known.kinds));
    }
    return known.kinds;
  }

  /** Weave {@code className} (internal name) for {@code kinds} when it is next defined or retransformed. */
  void expect(String className, int kinds) {
    if (pending.size() >= MAX_PENDING) {
      // Entries for superclasses defined before their JDBC subclass are never taken: start again rather than
      // refuse every later expectation (a superclass still to come is expected again by its next subclass).
      pending.clear();
    }
    pending.merge(className, kinds, (a, b) -> a | b);
  }

  /** Advice in a class of a named module (JDK dynamic proxies live in jdk.proxyN) must read the hooks' module. */
  private void readHooks(Module module) throws ClassNotFoundException {
    if (module == null || !module.isNamed()) {
      return;
    }
    Module hooks = hooksModule;
    if (hooks == null) {
      hooks = Class.forName(LeashAgent.BOOTSTRAP_CLASSES[0], false, null).getModule();
      hooksModule = hooks;
    }
    if (!module.canRead(hooks)) {
      inst.redefineModule(module, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  /**
   * On attach: weaves the JDBC classes already loaded (and their superclasses) by retransforming them, in
   * batches of {@link #RETRANSFORM_BATCH}. This transformer must be registered as able to retransform.
   */
  void retransformLoaded() {
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      try {
        if (!weavable(c)) {
          continue;
        }
        int kinds = kindsOf(c);
        if (kinds == 0) {
          continue;
        }
        targets.add(c);
        for (Class<?> s = c.getSuperclass(); s != null && weavable(s); s = s.getSuperclass()) {
          expect(internalName(s), kinds);
          if (!targets.contains(s)) {
            targets.add(s);
          }
        }
      } catch (Throwable odd) {
        // A class that cannot be inspected is simply not instrumented.
      }
    }
    for (int i = 0; i < targets.size(); i += RETRANSFORM_BATCH) {
      try {
        inst.retransformClasses(targets.subList(i, Math.min(i + RETRANSFORM_BATCH, targets.size())).toArray(new Class<?>[0]));
      } catch (Throwable t) {
        ERRORS.incrementAndGet();
        if (debug || WEAVING_FAILED.first()) {
          LastResort.print("could not retransform a batch of " + RETRANSFORM_BATCH + " classes: " + t);
        }
      }
    }
  }

  private boolean weavable(Class<?> c) {
    return !c.isInterface() && !c.isArray() && !c.isPrimitive() && !c.isSynthetic() && c.getClassLoader() != null
        && !ignored(internalName(c)) && inst.isModifiableClass(c);
  }

  /** The JDBC interfaces (bits) a loaded class implements, through the {@code Class} API; 0 for an interface. */
  static int kindsOf(Class<?> c) {
    if (c.isInterface()) {
      return 0;
    }
    int kinds = 0;
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      kinds |= interfaceKinds(k.getInterfaces());
    }
    return kinds;
  }

  private static int interfaceKinds(Class<?>[] interfaces) {
    int kinds = 0;
    for (Class<?> i : interfaces) {
      Integer kind = JdbcTypes.INTERFACES.get(internalName(i));
      kinds |= kind == null ? interfaceKinds(i.getInterfaces()) : kind;
    }
    return kinds;
  }

  private static String internalName(Class<?> c) {
    return c.getName().replace('.', '/');
  }

  /** Never woven, by name: Leash, the JDK (but dynamic proxies), logging, test tools, lambdas. */
  static boolean ignored(String n) {
    return n.startsWith(LEASH)
        || n.startsWith("java/")
        || n.startsWith("javax/")
        || n.startsWith("jakarta/")
        || n.startsWith("sun/")
        || (n.startsWith("com/sun/") && !n.startsWith("com/sun/proxy/"))
        || (n.startsWith("jdk/") && !n.startsWith("jdk/proxy"))
        || n.startsWith("org/slf4j/")
        || n.startsWith("ch/qos/logback/")
        || n.startsWith("org/apache/logging/log4j/")
        || n.startsWith("org/junit/")
        || (n.startsWith("org/mockito/") && !n.contains("$MockitoMock$"))
        || n.contains("$$Lambda");
  }
}
