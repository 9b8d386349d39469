package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's look at class files: headers parsed from bytes, JDBC kinds resolved without loading a class. */
class JdbcTypesTest {

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void headerNamesTheSuperclassAndInterfaces() throws IOException {
    ClassHeader h = ClassHeader.parse(bytes("com/zaxxer/hikari/HikariDataSource"));
    assertThat(h.superName).isEqualTo("com/zaxxer/hikari/HikariConfig");
    assertThat(h.interfaces).contains("javax/sql/DataSource", "java/io/Closeable");
    assertThat(h.isInterface()).isFalse();
    assertThat(ClassHeader.parse(bytes("java/sql/PreparedStatement")).isInterface()).isTrue();
  }

  @Test
  void kindsComeFromTheWholeHierarchyReadAsBytes() throws IOException {
    JdbcTypes types = new JdbcTypes();
    assertThat(kinds(types, "com/zaxxer/hikari/HikariDataSource")).isEqualTo(JdbcTypes.DATA_SOURCE);
    assertThat(kinds(types, "org/h2/Driver")).isEqualTo(JdbcTypes.DRIVER);
    assertThat(kinds(types, "org/h2/jdbc/JdbcConnection")).isEqualTo(JdbcTypes.CONNECTION);
    // PreparedStatement through its own interface, Statement through its superclass JdbcStatement.
    assertThat(kinds(types, "org/h2/jdbc/JdbcPreparedStatement")).isEqualTo(JdbcTypes.STATEMENT);
    assertThat(kinds(types, "com/zaxxer/hikari/HikariConfig")).isZero();
    assertThat(kinds(types, "java/util/ArrayList")).isZero();
  }

  @Test
  void superclassesOfACandidateAreTheBasesThatMayDeclareItsMethods() throws IOException {
    JdbcTypes types = new JdbcTypes();
    String tomcat = "org/apache/tomcat/jdbc/pool/DataSource";
    JdbcTypes.Known known = types.classify(loader, tomcat, ClassHeader.parse(bytes(tomcat)));
    List<String> bases = new ArrayList<>();
    types.superclasses(loader, known, bases::add);
    assertThat(known.kinds).isEqualTo(JdbcTypes.DATA_SOURCE);
    assertThat(bases).containsExactly("org/apache/tomcat/jdbc/pool/DataSourceProxy");
  }

  @Test
  void namesOfTheJdkLeashAndLoggingArePassedOver() {
    assertThat(JdbcTransformer.ignored("java/sql/DriverManager")).isTrue();
    assertThat(JdbcTransformer.ignored("dev/leash/jdbc/LeashDataSource")).isTrue();
    assertThat(JdbcTransformer.ignored("ch/qos/logback/classic/Logger")).isTrue();
    assertThat(JdbcTransformer.ignored("jdk/proxy2/$Proxy12")).isFalse();
    assertThat(JdbcTransformer.ignored("org/mockito/codegen/Connection$MockitoMock$1")).isFalse();
    assertThat(JdbcTransformer.ignored("com/zaxxer/hikari/HikariDataSource")).isFalse();
  }

  private int kinds(JdbcTypes types, String name) throws IOException {
    return types.classify(loader, name, ClassHeader.parse(bytes(name))).kinds;
  }

  private byte[] bytes(String name) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
      return in.readAllBytes();
    }
  }
}
