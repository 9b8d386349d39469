package dev.leash.benchmarks;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a stack frame's class is "not application code" (JDK, JDBC API, drivers, pools,
 * frameworks, Leash itself). Three implementations of the same answer, so their costs can be compared:
 * a raw prefix scan, a memo keyed by the class-name string and a {@link ClassValue} keyed by the class.
 */
final class SiteFilter {

  /**
   * Roughly the list Leash ships, with {@code dev.leash.} narrowed for the benchmark: the
   * "application" classes live in {@code dev.leash.benchmarks.app.} and must not be excluded, while
   * {@code dev.leash.benchmarks.Capture*} (the capture code, standing in for Leash itself),
   * {@code dev.leash.benchmarks.framework.} (standing in for pools and frameworks) and JMH must be.
   */
  static final String[] DEFAULT_EXCLUDED = {
    "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.",
    // JDBC drivers
    "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.jdbc.", "oracle.jdbc.",
    "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.", "org.sqlite.", "com.ibm.db2.",
    // pools
    "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "org.apache.commons.pool2.", "com.mchange.",
    "org.apache.tomcat.jdbc.", "io.agroal.", "org.vibur.", "com.alibaba.druid.", "oracle.ucp.",
    // frameworks, proxies, agents, containers
    "org.springframework.", "org.hibernate.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.",
    "org.jdbi.", "org.eclipse.persistence.", "io.micronaut.", "io.quarkus.", "net.ttddyy.",
    "com.p6spy.", "io.opentelemetry.", "net.bytebuddy.", "org.aspectj.", "org.apache.catalina.",
    "org.eclipse.jetty.", "io.undertow.", "org.openjdk.jmh.",
    // the benchmark's stand-ins for dev.leash. and for pool/framework code
    "dev.leash.benchmarks.Capture", "dev.leash.benchmarks.framework.",
    "dev.leash.benchmarks.jmh_generated.",
  };

  private final String[] prefixes;
  private final ConcurrentHashMap<String, Boolean> byName = new ConcurrentHashMap<>();
  private final ClassValue<Boolean> byClass =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return scan(type.getName());
        }
      };

  SiteFilter(String... prefixes) {
    this.prefixes = prefixes.clone();
  }

  /** Raw scan: up to one {@code startsWith} per prefix; application classes pay the full list. */
  boolean scan(String className) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Memo by name. {@code Class.getName()} caches its string, and so does the string's hash, so a
   * hit costs a hash lookup and an identity compare. Unbounded: generated classes (CGLIB, Hibernate
   * proxies) would grow it, which a production version must cap.
   */
  boolean memo(String className) {
    Boolean excluded = byName.get(className);
    if (excluded == null) {
      excluded = scan(className);
      byName.putIfAbsent(className, excluded);
    }
    return excluded;
  }

  /** Memo by class; needs {@code RETAIN_CLASS_REFERENCE}. ClassValue does not pin the class. */
  boolean byClass(Class<?> type) {
    return byClass.get(type);
  }
}
