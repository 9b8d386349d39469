package dev.leash.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which classes a compiled class refers to, read from its constant pool (JVMS §4.4): the classes it
 * loads, and every type in its field, method and generic signatures and annotations. A constant that
 * {@code javac} inlined (a {@code static final} primitive or string) leaves no trace, as at run time.
 * Written here because ArchUnit is not in the project's dependency set; a class file needs no more.
 */
final class ClassReferences {

  /**
   * A class name inside a constant: {@code java/util/Map} alone (a class entry) or as {@code Ljava/util/Map;}
   * or {@code Ljava/util/Map<} in a descriptor or signature. Packages are lower case, a type name starts
   * upper case, which keeps resource paths and messages out.
   */
  private static final Pattern TYPE = Pattern.compile("(?:^|L|\\[)((?:[a-z][a-z0-9_]*/)+[A-Z][A-Za-z0-9_]*)[$;<]?");

  private ClassReferences() {}

  /**
   * Every class file under {@code root}, by its top-level class's binary name ({@code dev.leash.jdbc.LeashDriver};
   * nested classes count as their top-level class) → the top-level classes it refers to, other than itself.
   */
  static Map<String, Set<String>> classesUnder(Path root) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String file : classFiles(root)) {
      String name = topLevel(file);
      try (InputStream in = Files.newInputStream(root.resolve(file + ".class"))) {
        Set<String> refs = out.computeIfAbsent(name, k -> new TreeSet<>());
        refs.addAll(classesIn(in));
        refs.remove(name);
      } catch (IOException e) {
        throw new UncheckedIOException(file, e);
      }
    }
    out.keySet().removeIf(n -> n.endsWith("module-info") || n.endsWith("package-info"));
    return out;
  }

  /** The class files under {@code root}, as paths relative to it without {@code .class}: {@code dev/leash/jdbc/Leash$Registration}. */
  static List<String> classFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> root.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", ""))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top-level classes named anywhere in one class file's constant pool, as binary names. */
  static Set<String> classesIn(InputStream classFile) throws IOException {
    Set<String> classes = new TreeSet<>();
    for (String text : utf8Constants(new DataInputStream(classFile))) {
      Matcher m = TYPE.matcher(text);
      while (m.find()) {
        classes.add(topLevel(m.group(1)));
      }
    }
    return classes;
  }

  /** {@code dev.leash.a.B} for {@code dev/leash/a/B$C}. */
  static String topLevel(String internalName) {
    int nested = internalName.indexOf('$');
    return (nested < 0 ? internalName : internalName.substring(0, nested)).replace('/', '.');
  }

  /** {@code dev.leash.a} for {@code dev.leash.a.B}. */
  static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  /**
   * The texts of the constant pool's {@code CONSTANT_Utf8} entries. Class names, descriptors and
   * signatures are all among them; the other entries only point at them, so they are skipped by size.
   */
  private static Set<String> utf8Constants(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Set<String> texts = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1: // Utf8
          texts.add(in.readUTF());
          break;
        case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package: one index
          in.skipBytes(2);
          break;
        case 15: // MethodHandle: kind and index
          in.skipBytes(3);
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // four bytes
          in.skipBytes(4);
          break;
        case 5: case 6: // Long, Double: eight bytes and two slots
          in.skipBytes(8);
          i++;
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    return texts;
  }
}
