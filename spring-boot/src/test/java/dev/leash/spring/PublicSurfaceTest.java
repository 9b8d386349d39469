package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter's public API is this list (the driver's own is checked by the driver's
 * {@code dev.leash.architecture.PublicSurfaceTest}): the auto-configuration Spring Boot imports, the
 * failure analyzer {@code spring.factories} names, and the Actuator endpoint with the records of its JSON.
 * Adding or removing a public type is a decision; it fails here until this list says so.
 */
class PublicSurfaceTest {

  static final Set<String> PUBLIC_TYPES = Set.of(
      "dev.leash.spring.LeashAutoConfiguration",
      "dev.leash.spring.LeashConfigFailureAnalyzer",
      "dev.leash.spring.LeashEndpoint",
      "dev.leash.spring.LeashEndpoint$Pools",
      "dev.leash.spring.LeashEndpoint$Pool",
      "dev.leash.spring.LeashEndpoint$Holders",
      "dev.leash.spring.LeashEndpoint$Diagnosis");

  @Test
  void thePublicTypesAreExactlyTheListedOnes() throws Exception {
    // The starter's classes: a directory in this module's build, the installed jar under spring-boot/boot4.
    Path location = Path.of(LeashAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> found = new TreeSet<>();
    if (Files.isDirectory(location)) {
      collect(location, found);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
        collect(jar.getPath("/"), found);
      }
    }
    assertThat(found).as("public types of the starter: a change here is an API decision; update PUBLIC_TYPES")
        .containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }

  private static void collect(Path root, Set<String> out) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", "").replace('/', '.');
        if (name.startsWith("dev.leash.") && !name.endsWith("module-info") && !name.endsWith("package-info")
            && visible(Class.forName(name, false, PublicSurfaceTest.class.getClassLoader()))) {
          out.add(name);
        }
      }
    }
  }

  /** Public or protected, and so is every enclosing type; anonymous and local classes never are. */
  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()
          || (t.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) == 0) {
        return false;
      }
    }
    return true;
  }
}
