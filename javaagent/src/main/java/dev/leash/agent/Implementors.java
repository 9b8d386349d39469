package dev.leash.agent;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches the classes whose methods implement a JDBC interface method: every concrete class that
 * implements the interface, and also its superclasses that declare the method without implementing
 * the interface themselves. Tomcat JDBC is the case in point: its {@code DataSource} inherits
 * {@code getConnection()} from {@code DataSourceProxy}, which is no {@code javax.sql.DataSource}.
 *
 * <p>Such a base class is recorded (by name) while its subclass is matched, which happens before the
 * base class is loaded, since a class's superclass is loaded while the class itself is being defined.
 * On attach, {@link #recordLoaded} records them from the classes already loaded before retransformation.
 */
final class Implementors extends ElementMatcher.Junction.AbstractBase<TypeDescription> {

  private static final int MAX_BASES = 4096;

  private final String interfaceName;
  private final ElementMatcher<? super TypeDescription> implementing;
  private final ElementMatcher<? super MethodDescription> methods;
  private final Set<String> bases = ConcurrentHashMap.newKeySet();

  Implementors(String interfaceName, ElementMatcher<? super MethodDescription> methods) {
    this.interfaceName = interfaceName;
    this.implementing = hasSuperType(named(interfaceName));
    this.methods = methods;
  }

  @Override
  public boolean matches(TypeDescription type) {
    if (type.isInterface()) {
      return false;
    }
    if (bases.contains(type.getName())) {
      return true;
    }
    if (!implementing.matches(type)) {
      return false;
    }
    TypeDescription.Generic sup = type.getSuperClass();
    while (sup != null) {
      TypeDescription s = sup.asErasure();
      if (s.represents(Object.class) || implementing.matches(s)) {
        break; // an implementor itself is matched on its own
      }
      if (!s.getDeclaredMethods().filter(methods).isEmpty() && bases.size() < MAX_BASES) {
        bases.add(s.getName());
      }
      sup = s.getSuperClass();
    }
    return true;
  }

  /** On attach: records the base classes of implementors already loaded, so retransformation finds them in any order. */
  void recordLoaded(Class<?>[] loaded) {
    for (Class<?> c : loaded) {
      try {
        if (c.isInterface() || !implementsByName(c)) {
          continue;
        }
        for (Class<?> s = c.getSuperclass(); s != null && s != Object.class && !implementsByName(s); s = s.getSuperclass()) {
          if (!new TypeDescription.ForLoadedType(s).getDeclaredMethods().filter(methods).isEmpty() && bases.size() < MAX_BASES) {
            bases.add(s.getName());
          }
        }
      } catch (Throwable odd) {
        // A class that cannot be inspected is simply not instrumented.
      }
    }
  }

  private boolean implementsByName(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Class<?> i : k.getInterfaces()) {
        if (i.getName().equals(interfaceName) || implementsInterface(i)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean implementsInterface(Class<?> i) {
    for (Class<?> p : i.getInterfaces()) {
      if (p.getName().equals(interfaceName) || implementsInterface(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "implementorsOf(" + interfaceName + ")";
  }

}
