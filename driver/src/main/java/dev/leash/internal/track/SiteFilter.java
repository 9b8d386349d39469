package dev.leash.internal.track;

import dev.leash.internal.pool.PoolAdapters;
import dev.leash.internal.util.LeashPackages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which stack frames are application code, so that a lease's site is the line the user
 * wrote, not the pool, framework, web container or test runner plumbing above it.
 *
 * <p>Three kinds of frame: {@link Kind#APPLICATION}; {@link Kind#FRAMEWORK} (frameworks, web containers,
 * test runners), never the site while an application frame exists but still a
 * real line someone can open when none does (code that lives under a framework's package, such as MyBatis's
 * own tests under {@code org.apache.ibatis}); and {@link Kind#INFRASTRUCTURE} (the JDK, JDBC drivers, pools,
 * Leash, generated classes without a source line, {@code leash.site.exclude}), never a site at all.
 *
 * <p>The answer per class name is memoised: {@code StackFrame.getClassName()} returns the class's
 * cached name, so a hit costs one hash lookup instead of a scan over dozens of prefixes.
 */
public final class SiteFilter {

  /** What a frame's class is, for choosing the site. */
  public enum Kind {
    /** The user's code: the site is the first such frame. */
    APPLICATION,
    /** A framework, web container or test runner: the site only when no application frame exists. */
    FRAMEWORK,
    /** The JDK, a driver, a pool, Leash, or a generated class: never the site. */
    INFRASTRUCTURE
  }

  /**
   * Never a site: the JDK, JDBC drivers, pools (as their adapters say: {@link PoolAdapters#neverTheSite}),
   * Leash itself. Prefixes end with '.' (a package) or name a class and its nested classes. Checked before
   * {@link #FRAMEWORK}: a pool may live under a container's package.
   */
  static final List<String> INFRASTRUCTURE = concat(LeashPackages.RUNTIME, List.of(
      // JDK and JDBC API; javax.servlet is a web container's API (below)
      "java.", "jdk.", "sun.", "com.sun.",
      "javax.sql.", "javax.naming.", "javax.management.", "javax.security.", "javax.net.", "javax.crypto.",
      "javax.xml.", "javax.script.", "javax.swing.", "javax.imageio.", "javax.lang.", "javax.tools.", "javax.rmi.",
      "javax.transaction.xa.",
      // JDBC drivers
      "org.h2.", "org.postgresql.", "org.mariadb.jdbc.", "com.mysql.", "oracle.jdbc.",
      "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.", "org.sqlite.", "net.sourceforge.jtds.",
      "com.ibm.db2.", "com.ibm.as400.", "org.firebirdsql.", "com.clickhouse.", "io.r2dbc.", "com.p6spy.",
      "net.ttddyy.dsproxy."), PoolAdapters.neverTheSite());

  /**
   * Frameworks, web stacks and test runners: not the site while an application frame exists. Spring is
   * listed by its framework packages, not by {@code org.springframework.}: applications live under that
   * prefix too (Spring's petclinic is {@code org.springframework.samples.petclinic}).
   */
  static final List<String> FRAMEWORK = List.of(
      // Spring's framework packages
      "org.springframework.aop.", "org.springframework.aot.", "org.springframework.asm.", "org.springframework.beans.",
      "org.springframework.boot.", "org.springframework.cache.", "org.springframework.cglib.", "org.springframework.context.",
      "org.springframework.core.", "org.springframework.dao.", "org.springframework.data.", "org.springframework.expression.",
      "org.springframework.format.", "org.springframework.http.", "org.springframework.instrument.", "org.springframework.jca.",
      "org.springframework.jdbc.", "org.springframework.jms.", "org.springframework.jmx.", "org.springframework.jndi.",
      "org.springframework.lang.", "org.springframework.messaging.", "org.springframework.mock.",
      "org.springframework.objenesis.", "org.springframework.orm.", "org.springframework.oxm.", "org.springframework.r2dbc.",
      "org.springframework.scheduling.", "org.springframework.scripting.", "org.springframework.stereotype.",
      "org.springframework.test.", "org.springframework.transaction.", "org.springframework.ui.", "org.springframework.util.",
      "org.springframework.validation.", "org.springframework.web.", "org.springframework.security.",
      "org.springframework.session.", "org.springframework.batch.", "org.springframework.integration.",
      "org.springframework.kafka.", "org.springframework.amqp.", "org.springframework.retry.", "org.springframework.cloud.",
      "org.springframework.graphql.", "org.springframework.hateoas.", "org.springframework.ldap.",
      "org.springframework.modulith.", "org.springframework.ws.", "org.springframework.vault.", "org.springframework.shell.",
      "org.springframework.statemachine.", "org.springframework.webflow.",
      // persistence and other frameworks, their generated proxies, language runtimes
      "jakarta.", "javax.", "org.hibernate.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.", "org.jdbi.",
      "org.flywaydb.", "liquibase.", "org.eclipse.persistence.", "org.apache.openjpa.", "io.micronaut.",
      "io.quarkus.", "io.opentelemetry.", "net.bytebuddy.", "org.aspectj.", "kotlin.", "kotlinx.coroutines.",
      "groovy.", "org.codehaus.groovy.", "scala.",
      // servlet containers and web stacks
      "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.", "org.eclipse.jetty.", "io.undertow.",
      "io.netty.", "reactor.", "org.glassfish.jersey.", "org.glassfish.grizzly.", "io.vertx.",
      // view rendering and serialization, where open session in view loads lazy data
      "com.fasterxml.jackson.", "com.google.gson.", "org.thymeleaf.", "org.attoparser.", "freemarker.",
      "org.apache.jasper.", "org.apache.taglibs.",
      // test runners and test libraries: a leak in a test is the test's line
      "org.junit.", "org.assertj.", "org.testng.", "org.mockito.", "org.apache.maven.surefire.",
      "org.apache.maven.plugin.surefire.", "org.gradle.", "worker.org.gradle.", "com.intellij.rt.",
      "org.eclipse.jdt.internal.junit.", "org.eclipse.jdt.internal.junit5.");

  /** Every built-in prefix, infrastructure and framework: none of them is ever an application frame. */
  static final List<String> BUILT_IN_EXCLUDES;

  static {
    List<String> all = new ArrayList<>(INFRASTRUCTURE);
    all.addAll(FRAMEWORK);
    BUILT_IN_EXCLUDES = List.copyOf(all);
  }

  /**
   * Generated classes, which live in the user's own packages and so pass every prefix: Spring CGLIB
   * ({@code $$SpringCGLIB$$}, {@code $$EnhancerBySpringCGLIB$$}), Javassist ({@code _$$_jvst}), lambda
   * forms ({@code $$Lambda}) all contain {@code $$}; Hibernate 6's ByteBuddy classes are
   * {@code Product$HibernateProxy} (a lazy proxy, whose frame sits between the user's {@code getName()}
   * call and the load that takes the connection) and its siblings; ByteBuddy's and Mockito's default
   * names end in {@code $ByteBuddy$<random>} and {@code $MockitoMock$<random>}. Their frames have no
   * source line, so as a site they would tell the user nothing.
   */
  static final List<String> GENERATED_MARKERS = List.of(
      "$$", "$HibernateProxy", "$HibernateBasicProxy", "$HibernateAccessOptimizer", "$HibernateInstantiator",
      "$ByteBuddy$", "$MockitoMock$");

  private static final int MEMO_LIMIT = 16_384;

  private final String[] infrastructure;
  private final String[] framework;
  private final ConcurrentHashMap<String, Kind> memo = new ConcurrentHashMap<>();

  /**
   * A filter with the built-in lists plus {@code extraExcludes} ({@code leash.site.exclude}): packages the user
   * says are never the site, not even as a fallback, like a pool.
   */
  public SiteFilter(List<String> extraExcludes) {
    List<String> never = new ArrayList<>(INFRASTRUCTURE);
    never.addAll(extraExcludes);
    this.infrastructure = never.toArray(new String[0]);
    this.framework = FRAMEWORK.toArray(new String[0]);
  }

  /** True if a frame of class {@code className} may be a lease's site. */
  public boolean isApplication(String className) {
    return kind(className) == Kind.APPLICATION;
  }

  /** What a frame of class {@code className} is. */
  public Kind kind(String className) {
    Kind known = memo.get(className);
    if (known != null) {
      return known;
    }
    Kind kind = decide(className);
    // Bounded: a generated-class storm (one hidden class per request) must not grow this forever.
    if (memo.size() < MEMO_LIMIT) {
      memo.put(className, kind);
    }
    return kind;
  }

  private Kind decide(String className) {
    // JDK proxies: jdk.proxyN.$ProxyNN (excluded by "jdk." too), com.sun.proxy.$ProxyN, or a proxy of
    // a non-public interface, which lands in that interface's (the user's) package.
    if (className.startsWith("$Proxy") || className.contains(".$Proxy")) {
      return Kind.INFRASTRUCTURE;
    }
    for (String marker : GENERATED_MARKERS) {
      if (className.contains(marker)) {
        return Kind.INFRASTRUCTURE;
      }
    }
    for (String prefix : infrastructure) {
      if (matches(className, prefix)) {
        return Kind.INFRASTRUCTURE;
      }
    }
    for (String prefix : framework) {
      if (matches(className, prefix)) {
        return Kind.FRAMEWORK;
      }
    }
    return Kind.APPLICATION;
  }

  private static List<String> concat(List<String> first, List<String> then, List<String> last) {
    List<String> all = new ArrayList<>(first);
    all.addAll(then);
    all.addAll(last);
    return List.copyOf(all);
  }

  /** {@code com.shop.infra} matches itself, {@code com.shop.infra.X} and {@code com.shop.infra$X}, not {@code com.shop.infrastructure}. */
  private static boolean matches(String className, String prefix) {
    if (!className.startsWith(prefix)) {
      return false;
    }
    if (prefix.endsWith(".") || className.length() == prefix.length()) {
      return true;
    }
    char next = className.charAt(prefix.length());
    return next == '.' || next == '$';
  }
}
