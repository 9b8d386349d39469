package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter's public API is this list (the driver's own is checked by the driver's
 * {@code dev.leash.architecture.PublicSurfaceTest}): the auto-configuration Spring Boot imports, the
 * failure analyzer {@code spring.factories} names, and the Actuator endpoint with the records of its JSON.
 * Adding or removing a public type is a decision; it fails here until this list says so.
 *
 * <p>So are their members: {@value #MEMBERS} (a resource beside this class) lists every public or protected
 * constructor, method and field these types declare, one {@code Type: signature} line each, in the driver's
 * format ({@code dev.leash.architecture.PublicMembers}). A change fails here with the lines that differ; after
 * deciding, run this test with {@code -Dleash.publicMembers.write=true} to rewrite the file, and commit the diff.
 * The endpoint's JSON records are values: no setter and no field that is not final.
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

  static final String MEMBERS = "public-members.txt";

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

  @Test
  void thePublicMembersAreExactlyTheListedOnes() throws Exception {
    Set<String> found = new TreeSet<>();
    for (String name : PUBLIC_TYPES) {
      found.addAll(members(Class.forName(name, false, PublicSurfaceTest.class.getClassLoader())));
    }
    if (Boolean.getBoolean("leash.publicMembers.write")) {
      Files.write(Path.of("src/test/resources/dev/leash/spring", MEMBERS), found, StandardCharsets.UTF_8);
      return;
    }
    Set<String> listed;
    try (InputStream in = PublicSurfaceTest.class.getResourceAsStream(MEMBERS)) {
      assertThat(in).as(MEMBERS + " beside this test").isNotNull();
      listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> added = new TreeSet<>(found);
    added.removeAll(listed);
    Set<String> gone = new TreeSet<>(listed);
    gone.removeAll(found);
    assertThat(added).as("public members not in " + MEMBERS + ": an API decision; list them").isEmpty();
    assertThat(gone).as("members in " + MEMBERS + " that are gone: an API decision; remove them").isEmpty();
  }

  @Test
  void theEndpointRecordsCannotBeChanged() throws Exception {
    List<String> mutable = new ArrayList<>();
    for (String name : PUBLIC_TYPES) {
      Class<?> type = Class.forName(name, false, PublicSurfaceTest.class.getClassLoader());
      if (type.isRecord()) {
        for (Field f : type.getDeclaredFields()) {
          if (!f.isSynthetic() && !Modifier.isFinal(f.getModifiers())) {
            mutable.add(name + "." + f.getName() + " (a field that is not final)");
          }
        }
        for (Method m : type.getDeclaredMethods()) {
          if (api(m) && !Modifier.isStatic(m.getModifiers()) && m.getName().matches("set[A-Z].*")) {
            mutable.add(name + "." + m.getName() + "(...) (a setter)");
          }
        }
      }
    }
    assertThat(mutable).as("the endpoint's records are values: no setters, every field final").isEmpty();
  }

  /** The type's public or protected members, as the driver's {@code PublicMembers} writes them. */
  private static List<String> members(Class<?> type) {
    String name = type.getName();
    List<String> out = new ArrayList<>();
    for (Executable c : type.getDeclaredConstructors()) {
      if (api(c)) {
        out.add(name + ": " + modifiers(c.getModifiers(), false) + typeParams(c.getTypeParameters()) + "<init>("
            + params(c.getGenericParameterTypes()) + ")");
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (api(m) && !m.isBridge()) {
        out.add(name + ": " + modifiers(m.getModifiers(), m.isDefault()) + typeParams(m.getTypeParameters())
            + m.getGenericReturnType().getTypeName() + " " + m.getName() + "(" + params(m.getGenericParameterTypes()) + ")");
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (api(f)) {
        out.add(name + ": " + modifiers(f.getModifiers(), false) + f.getGenericType().getTypeName() + " " + f.getName());
      }
    }
    return out;
  }

  private static boolean api(Member m) {
    return !m.isSynthetic() && (m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0;
  }

  private static String modifiers(int modifiers, boolean isDefault) {
    String s = Modifier.toString(modifiers
        & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT));
    return (s.isEmpty() ? "" : s + " ") + (isDefault ? "default " : "");
  }

  private static String typeParams(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    return Arrays.stream(vars).map(v -> v.getName() + Arrays.stream(v.getBounds()).filter(b -> b != Object.class)
        .map(b -> " extends " + b.getTypeName()).collect(Collectors.joining(" &")))
        .collect(Collectors.joining(", ", "<", "> "));
  }

  private static String params(Type[] types) {
    return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
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
