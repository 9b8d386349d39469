package dev.leash.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The members of public types that code outside their package can use (public or protected constructors,
 * methods and fields, declared by the type itself), one line each, {@code Type: signature}, sorted:
 * <pre>
 * dev.leash.event.PoolDiagnosis: public int max()
 * dev.leash.event.PoolDiagnosis$Evidence: public abstract int count()
 * </pre>
 * A signature names generic types as written ({@code java.util.List<dev.leash.event.HolderGroup>}) and
 * keeps only the modifiers that change what a caller or implementer may do; compiler-made members
 * (bridges, lambdas, an enum's {@code $VALUES}) are not API and are left out.
 *
 * <p>The driver's {@code PublicSurfaceTest} and the starter's use this one class (the starter through the driver's
 * test-jar, which holds only it), so both member lists are written and checked the same way.
 */
public final class PublicMembers {

  /** The system property that makes {@link #assertListed} rewrite the list instead of checking it. */
  public static final String WRITE = "leash.publicMembers.write";

  private static final int KEPT = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
      | Modifier.ABSTRACT;

  private PublicMembers() {}

  /** The member lines of every type in {@code typeNames}. */
  public static Set<String> of(Collection<String> typeNames, ClassLoader loader) throws ClassNotFoundException {
    Set<String> out = new TreeSet<>();
    for (String name : typeNames) {
      Class<?> type = Class.forName(name, false, loader);
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (api(c)) {
          out.add(name + ": " + modifiers(c.getModifiers(), false) + typeParams(c.getTypeParameters()) + "<init>("
              + params(c.getGenericParameterTypes()) + ")");
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (api(m) && !m.isBridge()) {
          out.add(name + ": " + modifiers(m.getModifiers(), m.isDefault()) + typeParams(m.getTypeParameters())
              + m.getGenericReturnType().getTypeName() + " "
              + m.getName() + "(" + params(m.getGenericParameterTypes()) + ")");
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (api(f)) {
          out.add(name + ": " + modifiers(f.getModifiers(), false) + f.getGenericType().getTypeName() + " " + f.getName());
        }
      }
    }
    return out;
  }

  /**
   * What makes a type's instances changeable: an instance field that is not final (of any visibility: a
   * value's state is fixed when it is made), a public or protected static field that is not final, or a public
   * instance method named {@code setX}. Event records are values; they must have none.
   */
  public static List<String> mutators(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (!f.isSynthetic() && !Modifier.isFinal(f.getModifiers()) && (api(f) || !Modifier.isStatic(f.getModifiers()))) {
        out.add(type.getName() + "." + f.getName() + " (a field that is not final)");
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (api(m) && !Modifier.isStatic(m.getModifiers()) && m.getName().matches("set[A-Z].*")) {
        out.add(type.getName() + "." + m.getName() + "(...) (a setter)");
      }
    }
    return out;
  }

  /**
   * Binary names of the classes at {@code location} (a class directory or a jar) that {@code considered} accepts
   * and code outside their package can name: public or protected, and so is every enclosing type.
   */
  public static Set<String> publicTypes(Path location, Predicate<String> considered, ClassLoader loader) throws Exception {
    if (Files.isDirectory(location)) {
      return publicTypesUnder(location, considered, loader);
    }
    try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
      return publicTypesUnder(jar.getPath("/"), considered, loader);
    }
  }

  /**
   * Checks that {@code found} is exactly the member list {@code resource} beside {@code owner} (blank lines and
   * {@code #} comments are not members), naming the lines that differ. With {@code -Dleash.publicMembers.write=true}
   * it rewrites that file under {@code src/test/resources} of the module being tested instead, for the diff to be
   * looked at and committed.
   */
  public static void assertListed(Set<String> found, Class<?> owner, String resource) throws IOException {
    if (Boolean.getBoolean(WRITE)) {
      Path dir = Paths.get("src/test/resources", owner.getPackageName().split("\\."));
      Files.write(dir.resolve(resource), found, StandardCharsets.UTF_8);
      return;
    }
    Set<String> listed;
    try (InputStream in = owner.getResourceAsStream(resource)) {
      assertThat(in).as(resource + " beside " + owner.getName()).isNotNull();
      listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(difference(found, listed)).as("public members not in " + resource + ": an API decision; list them").isEmpty();
    assertThat(difference(listed, found)).as("members in " + resource + " that are gone: an API decision; remove them").isEmpty();
  }

  private static Set<String> publicTypesUnder(Path root, Predicate<String> considered, ClassLoader loader) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", "").replace('/', '.');
        if (considered.test(name) && !name.endsWith("module-info") && !name.endsWith("package-info")
            && visible(Class.forName(name, false, loader))) {
          out.add(name);
        }
      }
    }
    return out;
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

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static boolean api(Member m) {
    return !m.isSynthetic() && (m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0;
  }

  private static String modifiers(int modifiers, boolean isDefault) {
    String s = Modifier.toString(modifiers & KEPT);
    return (s.isEmpty() ? "" : s + " ") + (isDefault ? "default " : "");
  }

  /** {@code <T> } for a generic method, with its bounds other than Object; else the empty string. */
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
}
