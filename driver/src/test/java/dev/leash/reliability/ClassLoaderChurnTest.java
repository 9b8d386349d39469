package dev.leash.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A web application redeployed 50 times: each time a fresh class loader holding Leash, H2 and
 * slf4j-api (as a WAR's WEB-INF/lib would) is created, takes a {@code jdbc:leash:} connection, leaks one
 * until Leash reports it, has it returned by another thread, and is dropped. Afterwards no old loader may be reachable.
 *
 * <p>What the application must do at undeploy, as for any JDBC driver in a web application:
 * {@code LeashDriver.deregister()} (which also unregisters Leash's MBean if this deployment registered it) (and the real driver's equivalent, here {@code org.h2.Driver.unload()}),
 * because {@code DriverManager} holds registered drivers strongly and lets only the driver's own class
 * loader deregister them. Leash's watchdog and reporting threads stop by themselves when idle (after
 * about 10–40 s and 60 s; shortened here to keep the test fast).
 */
class ClassLoaderChurnTest {

  static final int REDEPLOYS = 50;

  @Test
  void droppedWebAppLoadersAreCollected() throws Exception {
    URL[] urls = {
        location(dev.leash.jdbc.LeashDriver.class), location(org.h2.Driver.class), location(org.slf4j.LoggerFactory.class)};
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    for (int i = 0; i < REDEPLOYS; i++) {
      loaders.add(new WeakReference<>(deployUseAndUndeploy(urls, i)));
      Thread.currentThread().setContextClassLoader(original);
    }

    int alive = REDEPLOYS;
    for (int tries = 0; tries < 100 && alive > 0; tries++) {
      System.gc();
      Thread.sleep(50);
      alive = (int) loaders.stream().filter(r -> r.get() != null).count();
    }
    assertThat(alive).as("old web-app class loaders still reachable after GC").isZero();
  }

  /** One deployment's life; returns its loader, already closed and no longer referenced by this test. */
  private static ClassLoader deployUseAndUndeploy(URL[] urls, int n) throws Exception {
    URLClassLoader app = new URLClassLoader("webapp-" + n, urls, ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(app);
    setStatic(app, "dev.leash.internal.track.ReportDispatcher", "idleExitMillis", 100L);
    setStatic(app, "dev.leash.internal.track.Watchdog", "idleTicksBeforeExit", 4);

    Driver driver = (Driver) app.loadClass("dev.leash.jdbc.LeashDriver").getConstructor().newInstance();
    Properties props = new Properties();
    props.setProperty("leash.leak.threshold", "50ms");
    String url = "jdbc:leash:h2:mem:churn" + n + ";DB_CLOSE_DELAY=-1";
    try (Connection c = driver.connect(url, props); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    Connection leaked = driver.connect(url, props);
    leaked.setAutoCommit(true);
    Object registry = app.loadClass("dev.leash.internal.LeashRuntime").getMethod("registry").invoke(null);
    Method suspected = registry.getClass().getMethod("suspectedCount");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while ((long) suspected.invoke(registry) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat((long) suspected.invoke(registry)).as("leak reported in deployment %s", n).isEqualTo(1);
    // Returned by another thread (a cleanup task): the taking thread, like a container's worker that
    // lives on after the undeploy, must keep nothing of this deployment.
    Thread closer = new Thread(() -> {
      try {
        leaked.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    closer.start();
    closer.join();
    assertThat((int) registry.getClass().getMethod("openCount").invoke(registry)).isZero();

    // Undeploy, as a ServletContextListener would.
    app.loadClass("dev.leash.jdbc.LeashDriver").getMethod("deregister").invoke(null);
    app.loadClass("org.h2.Driver").getMethod("unload").invoke(null);
    app.close();
    // The platform MBean server outlives every deployment: Leash's MBean must not stay behind with this loader
    // (it did, for whichever deployment registered it first, when this test ran alone).
    javax.management.ObjectName mbean = new javax.management.ObjectName(dev.leash.jmx.LeashMXBean.OBJECT_NAME);
    javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    assertThat(server.isRegistered(mbean) && server.getClassLoaderFor(mbean) == app)
        .as("deployment %s's MBean outlives its undeploy", n).isFalse();
    return app;
  }

  private static void setStatic(ClassLoader loader, String cls, String field, Object value) throws Exception {
    Field f = loader.loadClass(cls).getDeclaredField(field);
    f.setAccessible(true);
    f.set(null, value);
  }

  private static URL location(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
