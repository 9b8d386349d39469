package dev.leash.internal.track;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which stack frames are application code, so that a lease's site is the line the user
 * wrote, not the pool or framework plumbing above it.
 *
 * <p>The answer per class name is memoised: {@code StackFrame.getClassName()} returns the class's
 * cached name, so a hit costs one hash lookup instead of a scan over dozens of prefixes.
 */
public final class SiteFilter {

  /**
   * Never application code: the JDK, JDBC drivers, pools, framework plumbing, Leash itself.
   * Prefixes end with '.' (a package) or name a class and its nested classes.
   */
  static final List<String> BUILT_IN_EXCLUDES = List.of(
      // JDK and JDBC API
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
      // Leash
      "dev.leash.jdbc.", "dev.leash.internal.", "dev.leash.agent.", "dev.leash.report.", "dev.leash.event.",
      // JDBC drivers
      "org.h2.", "org.postgresql.", "org.mariadb.jdbc.", "com.mysql.", "oracle.jdbc.", "oracle.ucp.",
      "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.", "org.sqlite.", "net.sourceforge.jtds.",
      "com.ibm.db2.", "com.ibm.as400.", "org.firebirdsql.", "com.clickhouse.", "io.r2dbc.", "com.p6spy.",
      "net.ttddyy.dsproxy.", "org.jdbi.",
      // pools
      "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "org.apache.commons.dbcp.", "org.apache.commons.pool2.",
      "com.mchange.", "org.apache.tomcat.jdbc.", "org.apache.tomcat.dbcp.", "io.agroal.", "org.vibur.dbcp.",
      "com.jolbox.bonecp.", "org.apache.openjpa.lib.jdbc.",
      // frameworks and their generated proxies
      "org.springframework.", "org.hibernate.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.",
      "org.flywaydb.", "liquibase.", "org.eclipse.persistence.", "org.apache.openjpa.", "io.micronaut.data.",
      "io.quarkus.agroal.", "io.opentelemetry.", "net.bytebuddy.", "org.aspectj.", "kotlin.", "kotlinx.coroutines.",
      "groovy.", "org.codehaus.groovy.", "scala.",
      // test frameworks: a leak in a test is the test's line, not the assertion library's
      "org.junit.", "org.assertj.", "org.testng.", "org.mockito.");

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

  private final String[] excludes;
  private final ConcurrentHashMap<String, Boolean> memo = new ConcurrentHashMap<>();

  /** A filter with the built-in list plus {@code extraExcludes} ({@code leash.site.exclude}). */
  public SiteFilter(List<String> extraExcludes) {
    List<String> all = new ArrayList<>(BUILT_IN_EXCLUDES);
    all.addAll(extraExcludes);
    this.excludes = all.toArray(new String[0]);
  }

  /** True if a frame of class {@code className} may be a lease's site. */
  public boolean isApplication(String className) {
    Boolean known = memo.get(className);
    if (known != null) {
      return known;
    }
    boolean app = decide(className);
    // Bounded: a generated-class storm (one hidden class per request) must not grow this forever.
    if (memo.size() < MEMO_LIMIT) {
      memo.put(className, app);
    }
    return app;
  }

  private boolean decide(String className) {
    // JDK proxies: jdk.proxyN.$ProxyNN (excluded by "jdk." too), com.sun.proxy.$ProxyN, or a proxy of
    // a non-public interface, which lands in that interface's (the user's) package.
    if (className.startsWith("$Proxy") || className.contains(".$Proxy")) {
      return false;
    }
    for (String marker : GENERATED_MARKERS) {
      if (className.contains(marker)) {
        return false;
      }
    }
    for (String prefix : excludes) {
      if (matches(className, prefix)) {
        return false;
      }
    }
    return true;
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
