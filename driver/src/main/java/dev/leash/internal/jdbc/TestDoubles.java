package dev.leash.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Recognises test doubles of JDBC types (Mockito, EasyMock, Spock, jMock, JMockit mocks): a mocked
 * {@code DataSource} or {@code Connection} is not a connection, so it is never a lease, in any mode. A
 * test suite that mocks its data source must not read "connection leak confirmed" for every mock the
 * garbage collector takes.
 *
 * <p>Recognised without calling a method of the object: by the name of its generated class (cached per
 * class), by the invocation handler of a {@link Proxy}, and for Mockito's inline mock maker (which mocks a
 * class in place, so the class name says nothing) by asking Mockito itself, but only once its inline mock
 * maker is running, and only where the caller looks once per data source ({@link #isTestDoubleDataSource}).
 */
public final class TestDoubles {

  /** Parts of the names mock libraries give the classes they generate. */
  private static final String[] GENERATED_NAME_MARKERS = {
      "$MockitoMock$", // Mockito 2+ (subclass mock maker; the inline one for interfaces)
      "$$EnhancerByMockitoWithCGLIB$$", // Mockito 1
      "$$$EasyMock$", // EasyMock class mocks
      "$SpockMock$", // Spock
      "$$EnhancerByCGLIB$$", // (not a mock by itself: checked with the mock packages below)
  };

  /** Packages of mock libraries: a proxy handled by one of them, or a CGLIB class they made, is a test double. */
  private static final String[] MOCK_PACKAGES = {
      "org.mockito.", "org.easymock.", "org.jmock.", "mockit.", "org.spockframework.mock.", "org.powermock.",
  };

  /** Present in the bootstrap loader once Mockito's inline mock maker has started in this JVM. */
  private static final String MOCKITO_INLINE_DISPATCHER = "org.mockito.internal.creation.bytebuddy.inject.MockMethodDispatcher";

  private enum ClassKind { PLAIN, GENERATED_DOUBLE, PROXY }

  private static final ClassValue<ClassKind> KINDS = new ClassValue<ClassKind>() {
    @Override
    protected ClassKind computeValue(Class<?> type) {
      return classify(type);
    }
  };

  private TestDoubles() {}

  /**
   * Whether {@code o} (a connection, typically) is a test double, from its class: cheap enough for every
   * borrow (one class-value lookup; a proxy's handler class for a {@link Proxy}). Never throws.
   */
  public static boolean isTestDouble(Object o) {
    if (o == null) {
      return false;
    }
    try {
      switch (KINDS.get(o.getClass())) {
        case GENERATED_DOUBLE:
          return true;
        case PROXY:
          return mockHandler(o);
        default:
          return false;
      }
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * {@link #isTestDouble}, and for an object that Mockito's inline mock maker may have mocked in place
   * (its class is the real one), Mockito's own answer. Costlier: for callers that look once per data source.
   */
  public static boolean isTestDoubleDataSource(Object dataSource) {
    return isTestDouble(dataSource) || inlineMockitoMock(dataSource);
  }

  private static ClassKind classify(Class<?> type) {
    if (Proxy.isProxyClass(type)) {
      return ClassKind.PROXY;
    }
    String name = type.getName();
    for (String marker : GENERATED_NAME_MARKERS) {
      if (name.contains(marker)) {
        if (!marker.equals("$$EnhancerByCGLIB$$")) {
          return ClassKind.GENERATED_DOUBLE;
        }
        // Plain CGLIB is also Spring's and Hibernate's; a double only when a mock library made it.
        for (Class<?> i : type.getInterfaces()) {
          if (inMockPackage(i.getName())) {
            return ClassKind.GENERATED_DOUBLE;
          }
        }
      }
    }
    return ClassKind.PLAIN;
  }

  /** A proxy is a double when its handler belongs to a mock library (MyBatis's and Spring's connection proxies do not). */
  private static boolean mockHandler(Object proxy) {
    InvocationHandler h = Proxy.getInvocationHandler(proxy);
    return h != null && inMockPackage(h.getClass().getName());
  }

  private static boolean inMockPackage(String className) {
    for (String p : MOCK_PACKAGES) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Mockito's inline mock maker mocks a class in place ({@code mock(HikariDataSource.class)} is a
   * {@code HikariDataSource}). Ask Mockito ({@code Mockito.mockingDetails(o).isMock()}, which reads its own
   * table and never calls the mock), but only once that mock maker runs: asking earlier would start Mockito,
   * and with it a Java agent, inside the application's {@code getConnection()}.
   */
  private static boolean inlineMockitoMock(Object o) {
    if (o == null) {
      return false;
    }
    try {
      Class.forName(MOCKITO_INLINE_DISPATCHER, false, null);
    } catch (Throwable notRunning) {
      return false;
    }
    try {
      ClassLoader loader = o.getClass().getClassLoader();
      Class<?> mockito = Class.forName("org.mockito.Mockito", false, loader);
      Object details = mockito.getMethod("mockingDetails", Object.class).invoke(null, o);
      Method isMock = Class.forName("org.mockito.MockingDetails", false, loader).getMethod("isMock");
      return Boolean.TRUE.equals(isMock.invoke(details));
    } catch (Throwable notVisible) {
      return false;
    }
  }
}
