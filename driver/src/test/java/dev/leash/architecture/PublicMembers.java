package dev.leash.architecture;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
 */
final class PublicMembers {

  private static final int KEPT = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
      | Modifier.ABSTRACT;

  private PublicMembers() {}

  /** The member lines of every type in {@code typeNames}. */
  static Set<String> of(Collection<String> typeNames, ClassLoader loader) throws ClassNotFoundException {
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
  static List<String> mutators(Class<?> type) {
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
