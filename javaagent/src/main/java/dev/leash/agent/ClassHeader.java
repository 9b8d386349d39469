package dev.leash.agent;

import java.nio.charset.StandardCharsets;

/**
 * The few facts of a class file that decide whether the agent needs Byte Buddy for it: its access flags,
 * its superclass and its interfaces (internal names, {@code java/sql/Connection}). Read from the bytes with
 * no class loaded, so that {@link JdbcTransformer} can look at every class an application defines for the
 * price of a constant-pool walk.
 */
final class ClassHeader {

  static final int ACC_INTERFACE = 0x0200;
  static final int ACC_SYNTHETIC = 0x1000;
  static final int ACC_ANNOTATION = 0x2000;
  static final int ACC_MODULE = 0x8000;

  final int access;
  /** Null for {@code java/lang/Object} and {@code module-info}. */
  final String superName;
  final String[] interfaces;

  private ClassHeader(int access, String superName, String[] interfaces) {
    this.access = access;
    this.superName = superName;
    this.interfaces = interfaces;
  }

  boolean isInterface() {
    return (access & ACC_INTERFACE) != 0;
  }

  /**
   * Parses {@code b}; throws (an {@code IllegalArgumentException} or an index error) on anything that is not a
   * well-formed class file, which the callers treat as "not a candidate".
   */
  static ClassHeader parse(byte[] b) {
    if (u4(b, 0) != 0xCAFEBABE) {
      throw new IllegalArgumentException("not a class file");
    }
    int count = u2(b, 8);
    // Offset of each constant-pool entry; only CONSTANT_Class (7) and CONSTANT_Utf8 (1) are read back.
    int[] offsets = new int[count];
    int p = 10;
    for (int i = 1; i < count; i++) {
      offsets[i] = p;
      int tag = b[p] & 0xFF;
      switch (tag) {
        case 1: p += 3 + u2(b, p + 1); break;            // Utf8
        case 3: case 4: p += 5; break;                     // Integer, Float
        case 5: case 6: p += 9; i++; break;                // Long, Double: two slots
        case 7: case 8: case 16: case 19: case 20: p += 3; break; // Class, String, MethodType, Module, Package
        case 9: case 10: case 11: case 12: case 17: case 18: p += 5; break; // refs, NameAndType, (Invoke)Dynamic
        case 15: p += 4; break;                            // MethodHandle
        default: throw new IllegalArgumentException("constant pool tag " + tag);
      }
    }
    int access = u2(b, p);
    int superIndex = u2(b, p + 4);
    int n = u2(b, p + 6);
    String[] interfaces = new String[n];
    for (int i = 0; i < n; i++) {
      interfaces[i] = className(b, offsets, u2(b, p + 8 + 2 * i));
    }
    return new ClassHeader(access, superIndex == 0 ? null : className(b, offsets, superIndex), interfaces);
  }

  private static String className(byte[] b, int[] offsets, int classIndex) {
    int utf8 = offsets[u2(b, offsets[classIndex] + 1)];
    int len = u2(b, utf8 + 1);
    for (int i = 0; i < len; i++) {
      if (b[utf8 + 3 + i] < 0) {
        return modifiedUtf8(b, utf8 + 3, len);
      }
    }
    return new String(b, utf8 + 3, len, StandardCharsets.ISO_8859_1);
  }

  /** The class file's "modified UTF-8" (a name with non-ASCII letters); never on the common path. */
  private static String modifiedUtf8(byte[] b, int start, int len) {
    StringBuilder s = new StringBuilder(len);
    int i = start;
    int end = start + len;
    while (i < end) {
      int c = b[i++] & 0xFF;
      if (c < 0x80) {
        s.append((char) c);
      } else if ((c & 0xE0) == 0xC0) {
        s.append((char) (((c & 0x1F) << 6) | (b[i++] & 0x3F)));
      } else {
        s.append((char) (((c & 0x0F) << 12) | ((b[i++] & 0x3F) << 6) | (b[i++] & 0x3F)));
      }
    }
    return s.toString();
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static int u4(byte[] b, int p) {
    return (u2(b, p) << 16) | u2(b, p + 2);
  }
}
