package dev.leash.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which of Leash's classes a compiled class refers to, read from its constant pool (JVMS §4.4): the
 * names of the classes it loads, and every type in its field, method and generic signatures. A constant
 * that {@code javac} inlined (a {@code static final} primitive or string) leaves no trace, as at run time.
 * Written here because ArchUnit is not in the project's dependency set; a class file needs no more than this.
 */
final class ClassReferences {

  /** {@code dev/leash/a/b/Name}: packages are lower case, a type name starts upper case. */
  private static final Pattern LEASH_TYPE = Pattern.compile("dev/leash/((?:[a-z0-9_]+/)*)[A-Z][A-Za-z0-9_$]*");

  private ClassReferences() {}

  /** Every class file under {@code root}, as its binary name ({@code dev.leash.jdbc.LeashDriver}) → the Leash packages it refers to. */
  static Map<String, Set<String>> packagesReferenced(Path root) {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
        String name = root.relativize(f).toString().replace('\\', '/').replaceAll("\\.class$", "").replace('/', '.');
        try (InputStream in = Files.newInputStream(f)) {
          out.put(name, packagesIn(in));
        } catch (IOException e) {
          throw new UncheckedIOException(f.toString(), e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The Leash packages ({@code dev.leash.internal.track}) named anywhere in one class file's constant pool. */
  static Set<String> packagesIn(InputStream classFile) throws IOException {
    Set<String> packages = new TreeSet<>();
    for (String text : utf8Constants(new DataInputStream(classFile))) {
      Matcher m = LEASH_TYPE.matcher(text);
      while (m.find()) {
        String pkg = m.group(1);
        packages.add(("dev/leash/" + pkg).replaceAll("/$", "").replace('/', '.'));
      }
    }
    return packages;
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
