package dev.leash.agent;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leash.agent.advice.CloseAdvice;
import dev.leash.agent.advice.DataSourceAdvice;
import dev.leash.agent.advice.DriverAdvice;
import dev.leash.agent.advice.ExecuteAdvice;
import dev.leash.agent.advice.StatementAdvice;
import dev.leash.agent.bootstrap.LeashHooks;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the class-file transformer: advice on {@code DataSource.getConnection}, {@code Driver.connect},
 * {@code Connection.close/abort}, {@code Connection.createStatement/prepareStatement/prepareCall} and
 * {@code Statement.execute*} of every implementation outside the JDK and Leash. The advice passes the
 * objects it sees to Leash by identity and never calls a method on them. Loaded only after {@link LeashHooks} is on the bootstrap class path.
 */
final class AgentInstaller {

  /** Classes per retransformation batch on attach: small, so one bad class costs only its batch. */
  static final int RETRANSFORM_BATCH = 50;
  static final String DEBUG_PROPERTY = "dev.leash.agent.debug";

  static final AtomicLong TRANSFORMED = new AtomicLong();
  static final AtomicLong ERRORS = new AtomicLong();

  private AgentInstaller() {}

  /** On attach: instruments the classes already loaded (retransformation) and every class defined from now on. */
  static void installOnAttach(Instrumentation inst) {
    builder(inst, true).installOn(inst);
  }

  /**
   * For premain, through {@link CandidateGate}: the transformer for the classes the gate lets through, not
   * registered with {@code inst}. Built when the first candidate is defined: nothing is loaded yet to retransform.
   */
  static ClassFileTransformer transformer(Instrumentation inst) {
    return builder(inst, false).makeRaw();
  }

  private static AgentBuilder builder(Instrumentation inst, boolean attach) {
    ElementMatcher.Junction<MethodDescription> getConnection =
        named("getConnection").and(isPublic()).and(not(isAbstract())).and(takesArguments(0).or(takesArguments(2)));
    ElementMatcher.Junction<MethodDescription> connect =
        named("connect").and(isPublic()).and(not(isAbstract())).and(takesArguments(2)).and(takesArgument(0, String.class));
    ElementMatcher.Junction<MethodDescription> closeOrAbort = isPublic().and(not(isAbstract()))
        .and(named("close").and(takesArguments(0)).or(named("abort").and(takesArguments(1))));
    ElementMatcher.Junction<MethodDescription> createsStatement = isPublic().and(not(isAbstract()))
        .and(namedOneOf("createStatement", "prepareStatement", "prepareCall"));
    ElementMatcher.Junction<MethodDescription> execute = isPublic().and(not(isAbstract())).and(namedOneOf("execute",
        "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate", "executeLargeBatch"));

    Implementors dataSources = new Implementors("javax.sql.DataSource", getConnection);
    Implementors drivers = new Implementors("java.sql.Driver", connect);
    Implementors connections = new Implementors("java.sql.Connection", closeOrAbort.or(createsStatement));
    Implementors statements = new Implementors("java.sql.Statement", execute);

    // No type validation: the advice is fixed and checked by the tests; validation only costs startup time.
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(new Counting(Boolean.getBoolean(DEBUG_PROPERTY)))
        .ignore(any(), isBootstrapClassLoader())
        .or(ignoredTypes());
    if (attach) {
      Class<?>[] loaded = inst.getAllLoadedClasses();
      for (Implementors m : new Implementors[] {dataSources, drivers, connections, statements}) {
        m.recordLoaded(loaded);
      }
      builder = builder.with(RedefinitionStrategy.RETRANSFORMATION)
          .with(RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(RETRANSFORM_BATCH));
    }
    return builder
        // Advice copied into classes of named modules (JDK dynamic proxies live in jdk.proxyN) must read LeashHooks's module.
        .assureReadEdgeTo(inst, LeashHooks.class)
        .type(dataSources).transform(visit(Advice.to(DataSourceAdvice.class).on(getConnection)))
        .type(drivers).transform(visit(Advice.to(DriverAdvice.class).on(connect)))
        .type(connections).transform(visit(Advice.to(CloseAdvice.class).on(closeOrAbort)))
        .transform(visit(Advice.to(StatementAdvice.class).on(createsStatement)))
        .type(statements).transform(visit(Advice.to(ExecuteAdvice.class).on(execute)));
  }

  /** Never transformed ({@link CandidateGate#ignored} has the same rules by name): Leash, Byte Buddy, the JDK (except dynamic proxies), logging, test tools, lambdas and synthetic classes. */
  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return nameStartsWith("dev.leash.")
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("java."))
        .or(nameStartsWith("javax."))
        .or(nameStartsWith("jakarta."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun.").and(not(nameStartsWith("com.sun.proxy."))))
        .or(nameStartsWith("jdk.").and(not(nameStartsWith("jdk.proxy"))))
        .or(nameStartsWith("org.slf4j."))
        .or(nameStartsWith("ch.qos.logback."))
        .or(nameStartsWith("org.apache.logging.log4j."))
        .or(nameStartsWith("org.junit."))
        // Mockito's own machinery; the mock classes it generates ($MockitoMock$) are instrumented like any class.
        .or(nameStartsWith("org.mockito.").and(not(nameContains("$MockitoMock$"))))
        .or(nameContains("$$Lambda"))
        .or(isSynthetic());
  }

  private static AgentBuilder.Transformer visit(AsmVisitorWrapper advice) {
    return new AgentBuilder.Transformer() {
      @Override
      public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
          JavaModule module, java.security.ProtectionDomain domain) {
        return builder.visit(advice);
      }
    };
  }

  /** Counts transformations and errors; never logs, except one stderr line per error with -Ddev.leash.agent.debug=true. */
  private static final class Counting extends AgentBuilder.Listener.Adapter {
    private final boolean debug;

    Counting(boolean debug) {
      this.debug = debug;
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
        DynamicType dynamicType) {
      TRANSFORMED.incrementAndGet();
      if (debug) {
        System.err.println("leash: instrumented " + type.getName());
      }
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      ERRORS.incrementAndGet();
      if (debug) {
        System.err.println("leash: could not instrument " + typeName + ": " + error);
      }
    }
  }
}
