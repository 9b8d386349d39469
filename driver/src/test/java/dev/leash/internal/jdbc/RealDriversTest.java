package dev.leash.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The real driver is found through DriverManager and, when DriverManager does not offer it (a Spring
 * Boot fat jar keeps drivers in its own class loader), through the thread context class loader.
 */
class RealDriversTest {

  @Test
  void findsADriverThatOnlyTheContextClassLoaderCanSee() throws Exception {
    List<Driver> h2Registered = Collections.list(DriverManager.getDrivers());
    h2Registered.removeIf(d -> !d.getClass().getName().equals("org.h2.Driver"));
    for (Driver d : h2Registered) {
      DriverManager.deregisterDriver(d);
    }
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    // A loader that sees only the H2 jar, its parent the platform loader: like a fat jar's nested-jar loader.
    try (URLClassLoader nested = new URLClassLoader(new URL[] {h2Jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> DriverManager.getDriver("jdbc:h2:mem:tccl")).isInstanceOf(SQLException.class);
      Thread.currentThread().setContextClassLoader(nested);

      Driver found = RealDrivers.find("jdbc:h2:mem:tccl");
      assertThat(found.getClass().getName()).isEqualTo("org.h2.Driver");
      assertThat(found.getClass().getClassLoader()).isSameAs(nested);
      try (Connection c = DriverManager.getConnection("jdbc:leash:h2:mem:tccl", new Properties())) {
        assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
      }
    } finally {
      Thread.currentThread().setContextClassLoader(before);
      for (Driver d : h2Registered) {
        DriverManager.registerDriver(d);
      }
    }
  }

  @Test
  void noDriverForTheUrlIsAClearErrorWithThePasswordMasked() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:leash:nosuchdb://host/db?password=s3cr3t-pw"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("No JDBC driver on the class path accepted 'jdbc:nosuchdb://host/db?password=****'")
        .hasMessageNotContaining("s3cr3t-pw");
  }

  private static Path h2Jar() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Paths::get)
        .filter(p -> p.getFileName().toString().startsWith("h2-") && p.toString().endsWith(".jar"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("h2 jar not on the test class path"));
  }
}
