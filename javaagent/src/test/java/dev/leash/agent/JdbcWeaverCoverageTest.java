package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Every JDBC class in the jars of the test class path (H2, PostgreSQL, MariaDB, HikariCP, DBCP2, c3p0, Tomcat JDBC,
 * Spring's data sources, ...), woven as the agent weaves it, passes the JVM's bytecode verifier
 * ({@link WeaveEverything}). The same check runs on JDK 25 in {@link JdbcWeaverCoverageIT}.
 */
class JdbcWeaverCoverageTest {

  @Test
  void everyWovenJdbcClassOnTheClassPathVerifies() throws Exception {
    WeaveEverything.Result r = WeaveEverything.run(WeaveEverything.classPathJars());
    System.out.println(r.summary());

    assertThat(r.failures).as(r.summary()).isEmpty();
    assertThat(r.transformErrors).as("the transformer gave up on a class").isZero();
    // Not vacuous: the check saw the pools and drivers users have, and the agent wove their JDBC methods.
    assertThat(r.woven).containsKeys(
        "org.h2.Driver", "org.h2.jdbc.JdbcConnection", "org.h2.jdbc.JdbcStatement", "org.h2.jdbc.JdbcPreparedStatement",
        "org.h2.jdbcx.JdbcDataSource", "org.h2.jdbcx.JdbcConnectionPool",
        "org.postgresql.Driver", "org.postgresql.jdbc.PgConnection", "org.postgresql.jdbc.PgStatement",
        "org.mariadb.jdbc.Driver", "org.mariadb.jdbc.Connection",
        "com.zaxxer.hikari.HikariDataSource", "com.zaxxer.hikari.pool.ProxyConnection",
        "com.zaxxer.hikari.pool.ProxyStatement",
        "org.apache.commons.dbcp2.BasicDataSource", "org.apache.commons.dbcp2.DelegatingConnection",
        "org.apache.tomcat.jdbc.pool.DataSourceProxy",
        "org.springframework.jdbc.datasource.AbstractDriverBasedDataSource");
    assertThat(r.woven.keySet()).anyMatch(n -> n.startsWith("com.mchange.v2.c3p0."));
    assertThat(r.woven.size()).isGreaterThan(60);
  }

  /** The check would see a bad class: linking one whose bytecode the verifier rejects fails with a VerifyError. */
  @Test
  void linkingRunsTheVerifier() {
    ClassWriter w = new ClassWriter(0);
    w.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "broken/Broken", null, "java/lang/Object", null);
    MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "answer", "()I", null, null);
    m.visitCode();
    m.visitInsn(Opcodes.ACONST_NULL);
    m.visitInsn(Opcodes.IRETURN); // returns null as an int
    m.visitMaxs(1, 0);
    m.visitEnd();
    w.visitEnd();
    byte[] bytes = w.toByteArray();
    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals("broken.Broken")) {
          return defineClass(name, bytes, 0, bytes.length);
        }
        throw new ClassNotFoundException(name);
      }
    };

    assertThat(WeaveEverything.linkFailure("broken.Broken", loader)).isInstanceOf(VerifyError.class);
  }
}
