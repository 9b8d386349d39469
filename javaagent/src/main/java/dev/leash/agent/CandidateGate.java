package dev.leash.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transformer {@code premain} registers: plain JDK, no Byte Buddy class loaded. It looks at each class a
 * class loader defines (names first, then the class file's super types through {@link JdbcTypes}) and hands
 * only the candidates to Byte Buddy's transformer, which it builds when the first candidate is defined. So a
 * JVM pays for Byte Buddy only once a JDBC class appears, and never for matching the thousands of other
 * classes of a large application.
 *
 * <p>Candidates: classes implementing {@code DataSource}, {@code Driver}, {@code Connection} or
 * {@code Statement} (or its sub-interfaces), and the superclasses of these, which may declare the JDBC method
 * without the interface; {@link Implementors} makes the final decision on those. The same classes as
 * {@link AgentInstaller#ignoredTypes()} are passed over by name.
 *
 * <p>Never throws: anything unexpected means "not instrumented" for that class; a failure to build Byte Buddy's
 * transformer is one stderr line, and the application goes on without tracking.
 */
final class CandidateGate implements ClassFileTransformer {

  private static final int MAX_PENDING_BASES = 4096;
  private static final int SKIPPED_FLAGS = ClassHeader.ACC_INTERFACE | ClassHeader.ACC_SYNTHETIC
      | ClassHeader.ACC_ANNOTATION | ClassHeader.ACC_MODULE;

  private final Instrumentation inst;
  private final JdbcTypes types = new JdbcTypes();
  /** Superclasses of candidates, not defined yet: they are defined right after the candidate, and go to Byte Buddy. */
  private final Set<String> pendingBases = ConcurrentHashMap.newKeySet();
  /** Set while this thread is in the gate: classes loaded by the gate itself (Byte Buddy's) are not looked at. */
  private final ThreadLocal<Boolean> inside = new ThreadLocal<>();
  private volatile ClassFileTransformer byteBuddy;
  private volatile boolean failed;

  CandidateGate(Instrumentation inst) {
    this.inst = inst;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) {
    if (loader == null || name == null || failed || ignored(name)
        || inside.get() != null) {
      return null;
    }
    inside.set(Boolean.TRUE);
    try {
      if (!(pendingBases.remove(name) || isCandidate(loader, name, bytes))) {
        return null;
      }
      ClassFileTransformer bb = byteBuddy();
      return bb == null ? null : bb.transform(module, loader, name, classBeingRedefined, domain, bytes);
    } catch (Throwable t) {
      return null;
    } finally {
      inside.remove();
    }
  }

  private boolean isCandidate(ClassLoader loader, String name, byte[] bytes) {
    ClassHeader header = ClassHeader.parse(bytes);
    if ((header.access & SKIPPED_FLAGS) != 0) {
      return false;
    }
    JdbcTypes.Known known = types.classify(loader, name, header);
    if (!known.jdbc) {
      return false;
    }
    types.superclasses(loader, known, s -> {
      if (pendingBases.size() < MAX_PENDING_BASES) {
        pendingBases.add(s);
      }
    });
    return true;
  }

  /** Byte Buddy's transformer, built on the first candidate; null if that failed. */
  private ClassFileTransformer byteBuddy() {
    ClassFileTransformer bb = byteBuddy;
    if (bb != null) {
      return bb;
    }
    synchronized (this) {
      if (byteBuddy == null && !failed) {
        try {
          byteBuddy = AgentInstaller.transformer(inst);
        } catch (Throwable t) {
          failed = true;
          System.err.println("leash: the agent could not start; the application runs without Leash: " + t);
        }
      }
      return byteBuddy;
    }
  }

  /** Internal-name form of {@link AgentInstaller#ignoredTypes()}'s name rules. */
  static boolean ignored(String n) {
    return n.startsWith("dev/leash/")
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
