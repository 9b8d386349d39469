package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.CatalogDao;
import com.example.shop.OrderRepository;
import com.example.shop.Product;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.internal.LeashRuntime;
import dev.leash.jdbc.LeashDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The site of a lease is the user's line, not the framework plumbing above it. The built-in list is
 * checked name by name, and then against the real stacks of Spring JDBC and Hibernate ORM taking
 * connections for application code in {@code com.example.shop} (a package that looks like user code).
 *
 * <p>Rule these tests pin down: the first application frame wins. When a framework takes the
 * connection before it calls back into a user lambda (Spring's {@code ConnectionCallback}, a
 * {@code TransactionTemplate}), the lambda is not on the stack yet, so the site is the line that
 * called the framework. When user code takes a connection from inside its own lambda (a
 * {@code forEach}), the lambda body is that user code, and its line is the site, under the synthetic
 * method name {@code lambda$outer$N} that javac gives it: the file and line are what a user needs.
 */
class SiteSelectionTest {

  private static final Duration THRESHOLD = Duration.ofMillis(200);

  // ---------------------------------------------------------------------------------------------
  // The built-in list, name by name

  private final SiteFilter builtIn = new SiteFilter(List.of());

  @Test
  void jdkAndJdbcApiAreNotApplicationCode() {
    assertThat(List.of("java.lang.Thread", "java.util.ArrayList", "java.sql.DriverManager", "javax.sql.DataSource",
        "jdk.internal.reflect.DirectMethodHandleAccessor", "jdk.internal.reflect.GeneratedMethodAccessor12",
        "sun.reflect.GeneratedMethodAccessor3", "com.sun.proxy.$Proxy5", "jdk.proxy2.$Proxy12", "$Proxy7",
        "jakarta.persistence.EntityManager"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isFalse());
  }

  @Test
  void everyBuiltInPrefixExcludesAClassInIt() {
    for (String prefix : SiteFilter.BUILT_IN_EXCLUDES) {
      String cls = prefix.endsWith(".") ? prefix + "Something" : prefix + ".Something";
      assertThat(builtIn.isApplication(cls)).as(cls).isFalse();
    }
  }

  @Test
  void driversAndPoolsAreNotApplicationCode() {
    assertThat(List.of("org.h2.jdbc.JdbcConnection", "org.postgresql.jdbc.PgConnection",
        "org.mariadb.jdbc.Connection", "com.mysql.cj.jdbc.ConnectionImpl", "oracle.jdbc.driver.T4CConnection",
        "com.microsoft.sqlserver.jdbc.SQLServerConnection", "org.hsqldb.jdbc.JDBCConnection",
        "org.apache.derby.impl.jdbc.EmbedConnection", "org.sqlite.jdbc4.JDBC4Connection",
        "com.zaxxer.hikari.pool.HikariPool", "org.apache.commons.dbcp2.BasicDataSource",
        "org.apache.commons.pool2.impl.GenericObjectPool", "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool",
        "org.apache.tomcat.jdbc.pool.ConnectionPool", "org.apache.tomcat.dbcp.dbcp2.BasicDataSource",
        "io.agroal.pool.ConnectionPool", "org.vibur.dbcp.ViburDBCPDataSource", "oracle.ucp.jdbc.PoolDataSourceImpl",
        "com.p6spy.engine.spy.P6DataSource", "net.ttddyy.dsproxy.support.ProxyDataSource"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isFalse());
  }

  @Test
  void frameworksAreNotApplicationCode() {
    assertThat(List.of("org.springframework.jdbc.core.JdbcTemplate",
        "org.springframework.jdbc.datasource.DataSourceTransactionManager",
        "org.springframework.orm.jpa.JpaTransactionManager", "org.springframework.data.jpa.repository.support.SimpleJpaRepository",
        "org.hibernate.internal.SessionImpl", "org.hibernate.engine.jdbc.internal.LogicalConnectionManagedImpl",
        "org.jooq.impl.DefaultDSLContext", "org.apache.ibatis.executor.SimpleExecutor",
        "org.mybatis.spring.SqlSessionTemplate", "org.flywaydb.core.Flyway", "liquibase.Liquibase",
        "org.eclipse.persistence.internal.sessions.AbstractSession", "org.jdbi.v3.core.Handle",
        "org.jdbi.v3.sqlobject.SqlObjectFactory", "net.bytebuddy.implementation.bind.annotation.RuntimeType"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isFalse());
  }

  @Test
  void generatedProxiesInUserPackagesAreNotApplicationCode() {
    assertThat(List.of(
        // Spring 6 and Spring 5 CGLIB subclasses (@Transactional, @Configuration)
        "com.shop.CheckoutService$$SpringCGLIB$$0", "com.shop.CheckoutService$$EnhancerBySpringCGLIB$$1a2b3c",
        "com.shop.CheckoutService$$FastClassBySpringCGLIB$$9f8e",
        // Hibernate's ByteBuddy lazy proxies, ByteBuddy's default naming, Mockito, Javassist
        "com.shop.Product$HibernateProxy$Ab12Cd34", "com.shop.Product$HibernateProxy",
        "com.shop.Product$ByteBuddy$Xy9", "com.shop.Repo$MockitoMock$123456", "com.shop.Product_$$_jvst1a_0",
        // lambda forms (never visible to the default StackWalker, excluded anyway)
        "com.shop.CheckoutService$$Lambda$123/0x0000000800c0b000", "com.shop.CheckoutService$$Lambda/0x0000000800c0b000"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isFalse());
  }

  @Test
  void leashRuntimeIsExcludedButLeashExamplesAndUserCodeAreApplication() {
    assertThat(List.of("dev.leash.internal.jdbc.LeashConnection", "dev.leash.internal.track.LeaseRegistry",
        "dev.leash.jdbc.LeashDataSource", "dev.leash.agent.LeashAgent", "dev.leash.report.Slf4jReporter"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isFalse());
    assertThat(List.of("com.shop.CheckoutService", "com.shop.CheckoutService$1", "com.shop.CheckoutService$Inner",
        "dev.leash.examples.Shop", "dev.leash.it.LeakyDao", "com.example.shop.OrderRepository",
        // look like excluded prefixes but are not in them
        "javaapp.Main", "orgx.springframework.Fake", "com.sunshine.Shop", "springframework.Fake",
        "org.hibernatex.Dao", "dev.leash.internalize.Tool", "kotlinish.Dao"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isTrue());
  }

  @Test
  void configuredExcludesMatchThePackageAndItsClassesButNotALongerName() {
    SiteFilter f = new SiteFilter(List.of("com.shop.infra", "com.shop.Db"));
    assertThat(f.isApplication("com.shop.infra")).isFalse();
    assertThat(f.isApplication("com.shop.infra.Db")).isFalse();
    assertThat(f.isApplication("com.shop.infra.jdbc.Pool")).isFalse();
    assertThat(f.isApplication("com.shop.infra$Inner")).isFalse();
    assertThat(f.isApplication("com.shop.Db")).isFalse();
    assertThat(f.isApplication("com.shop.Db$Helper")).isFalse();
    assertThat(f.isApplication("com.shop.infrastructure.X")).isTrue();
    assertThat(f.isApplication("com.shop.Dbx")).isTrue();
    assertThat(f.isApplication("com.shop.CheckoutService")).isTrue();
    assertThat(new SiteFilter(List.of()).isApplication("com.shop.infra.Db")).as("not excluded without the setting").isTrue();
  }

  @Test
  void servletContainersWebStacksAndTestRunnersAreFrameworkNotApplication() {
    assertThat(List.of("org.apache.catalina.core.ApplicationFilterChain", "org.apache.coyote.http11.Http11Processor",
        "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor", "org.eclipse.jetty.server.HttpChannel",
        "io.undertow.server.Connectors", "io.netty.channel.nio.NioEventLoop", "reactor.core.publisher.Mono",
        "jakarta.servlet.http.HttpServlet", "javax.servlet.http.HttpServlet", "jakarta.servlet.FilterChain",
        "org.apache.maven.surefire.junitplatform.LazyLauncher", "org.apache.maven.surefire.booter.ForkedBooter",
        "org.junit.platform.launcher.core.DefaultLauncher", "org.gradle.api.internal.tasks.testing.SuiteTestClassProcessor",
        "worker.org.gradle.process.internal.worker.GradleWorkerMain",
        "org.springframework.web.servlet.DispatcherServlet", "org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor",
        "org.springframework.data.jpa.repository.support.SimpleJpaRepository", "org.springframework.boot.SpringApplication",
        // open session in view loads lazy data while the view renders or serializes: never the application's line
        "org.thymeleaf.standard.processor.StandardEachTagProcessor", "com.fasterxml.jackson.databind.ser.BeanSerializer"))
        .allSatisfy(c -> assertThat(builtIn.kind(c)).as(c).isEqualTo(SiteFilter.Kind.FRAMEWORK));
  }

  @Test
  void applicationsUnderTheSpringPrefixAreApplicationCode() {
    // Spring's own sample application lives under org.springframework: the bare prefix left it no application frame.
    assertThat(List.of("org.springframework.samples.petclinic.owner.OwnerController",
        "org.springframework.samples.petclinic.owner.OwnerRepository", "org.springframework.shop.CheckoutService"))
        .allSatisfy(c -> assertThat(builtIn.isApplication(c)).as(c).isTrue());
  }

  @Test
  void jdkDriversPoolsAndLeashAreNeverASiteEvenAsAFallback() {
    assertThat(List.of("java.lang.Thread", "java.util.concurrent.ForkJoinWorkerThread", "javax.sql.DataSource",
        "jdk.internal.reflect.DirectMethodHandleAccessor", "org.h2.jdbc.JdbcConnection", "com.zaxxer.hikari.pool.HikariPool",
        "org.apache.ibatis.datasource.pooled.PooledDataSource", "org.springframework.jdbc.datasource.DataSourceUtils",
        "org.apache.tomcat.jdbc.pool.ConnectionPool", "dev.leash.internal.track.LeaseRegistry",
        "com.shop.CheckoutService$$SpringCGLIB$$0"))
        .allSatisfy(c -> assertThat(builtIn.kind(c)).as(c).isEqualTo(SiteFilter.Kind.INFRASTRUCTURE));
    assertThat(builtIn.kind("org.apache.ibatis.jdbc.ScriptRunner")).isEqualTo(SiteFilter.Kind.FRAMEWORK);
    assertThat(new SiteFilter(List.of("com.shop.infra")).kind("com.shop.infra.Db"))
        .as("leash.site.exclude: never the site, not even as a fallback").isEqualTo(SiteFilter.Kind.INFRASTRUCTURE);
  }

  @Test
  void answersAreStableWhenMemoised() {
    SiteFilter f = new SiteFilter(List.of("com.shop.infra"));
    for (int i = 0; i < 3; i++) {
      assertThat(f.isApplication("com.shop.infra.Db")).isFalse();
      assertThat(f.isApplication("com.shop.CheckoutService")).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Real framework stacks

  /** Site of {@code cls.method} at {@code line}, as Leash formats it. */
  private static String site(Class<?> cls, String method, int line) {
    return cls.getName() + "." + method + "(" + cls.getSimpleName() + ".java:" + line + ")";
  }

  /** Class names of the frames between the acquisition and the site. */
  private static List<String> framesAboveSite(Taken t) {
    return t.stack.subList(0, t.siteIndex).stream().map(StackTraceElement::getClassName).collect(Collectors.toList());
  }

  /**
   * Code under a framework's package that leaks on a thread holding nothing else (MyBatis's own test suite, run
   * under the agent): the report names that code's line, marked as a framework frame, each lease its own; the
   * placeholder stays for stacks with nothing but the JDK, drivers, pools and Leash.
   */
  @Nested
  class FrameworkFallback {
    private final SiteRecorder recorder = new SiteRecorder();
    private final List<java.sql.Connection> kept = new CopyOnWriteArrayList<>();
    private DataSource ds;

    @BeforeEach
    void setUp() {
      String db = "sites_fallback_" + System.nanoTime();
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
      ds = LeashDataSource.wrap(h2, LeashConfig.builder().leakThreshold(THRESHOLD).build());
      recorder.watch(db);
    }

    @AfterEach
    void tearDown() throws Exception {
      recorder.close();
      for (java.sql.Connection c : kept) {
        c.close();
      }
    }

    private void runOnItsOwnThread(Runnable r) throws InterruptedException {
      Thread t = new Thread(r, "script-runner");
      t.start();
      t.join();
    }

    @Test
    void leakUnderAFrameworkPackageNamesItsOwnLineMarkedAsAFrameworkFrame() throws Exception {
      runOnItsOwnThread(new org.apache.ibatis.leashtest.UnclosedScript(ds, false, kept));
      runOnItsOwnThread(new org.apache.ibatis.leashtest.UnclosedScript(ds, true, kept));

      List<Taken> taken = recorder.taken();
      assertThat(taken).hasSize(2);
      String first = "org.apache.ibatis.leashtest.UnclosedScript.run(UnclosedScript.java:"
          + org.apache.ibatis.leashtest.UnclosedScript.FIRST_LINE + ")";
      String second = "org.apache.ibatis.leashtest.UnclosedScript.run(UnclosedScript.java:"
          + org.apache.ibatis.leashtest.UnclosedScript.SECOND_LINE + ")";
      assertThat(taken.get(0).site).isEqualTo(first + SharedStack.FRAMEWORK_MARK);
      assertThat(taken.get(1).site).as("its own stack, not the first one's").isEqualTo(second + SharedStack.FRAMEWORK_MARK);
      assertThat(taken.get(1).stack).isNotEqualTo(taken.get(0).stack);

      LeakEvent suspected = recorder.awaitLeak(LeakEvent.Kind.SUSPECTED);
      assertThat(suspected.site()).doesNotContain("no application frame:").startsWith("org.apache.ibatis.leashtest.UnclosedScript.run(");
    }

    @Test
    void stackWithNothingButTheJdkAndAPoolKeepsThePlaceholderAndEachLeaseItsOwnStack() throws Exception {
      Thread t = new Thread(new org.apache.commons.pool2.leashtest.Housekeeper(ds, kept), "pool-housekeeper");
      t.start();
      t.join();

      List<Taken> taken = recorder.taken();
      assertThat(taken).hasSize(2).allSatisfy(x -> assertThat(x.site).isEqualTo(
          "(no application frame: taken by a pool or framework thread)"));
      assertThat(taken.get(0).stack).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("validate"));
      assertThat(taken.get(1).stack).as("its own stack, not the pool's first one reused")
          .anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("warmUp"))
          .noneSatisfy(f -> assertThat(f.getMethodName()).isEqualTo("validate"));
    }
  }

  @Nested
  class SpringJdbc {
    private final SiteRecorder recorder = new SiteRecorder();
    private HikariDataSource pool;
    private OrderRepository orders;

    @BeforeEach
    void setUp() {
      String db = "sites_spring_" + System.nanoTime();
      HikariConfig c = new HikariConfig();
      c.setJdbcUrl("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
      c.setPoolName("orders-" + db);
      c.setMaximumPoolSize(4);
      pool = new HikariDataSource(c);
      DataSource ds = LeashDataSource.wrap(pool, LeashConfig.builder().leakThreshold(THRESHOLD).build());
      orders = new OrderRepository(ds);
      orders.createSchema();
      recorder.watch(db);
    }

    @AfterEach
    void tearDown() {
      recorder.close();
      pool.close();
    }

    @Test
    void jdbcTemplateCallIsTheSiteNotSpring() {
      orders.count();

      Taken t = recorder.single();
      assertThat(t.site).isEqualTo(site(OrderRepository.class, "count", OrderRepository.COUNT_LINE));
      assertThat(framesAboveSite(t)).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("org.springframework."));
      assertThat(framesAboveSite(t)).contains("org.springframework.jdbc.core.JdbcTemplate");
    }

    @Test
    void transactionTakesItsConnectionAtBeginSoTheSiteIsTheTransactionTemplateCall() {
      orders.place("teapot", 2);

      // Both statements run on the transaction's connection: one lease, taken in doBegin.
      Taken t = recorder.single();
      assertThat(t.site).isEqualTo(site(OrderRepository.class, "place", OrderRepository.PLACE_LINE));
      assertThat(framesAboveSite(t)).allSatisfy(c -> assertThat(c).startsWith("org.springframework."))
          .contains("org.springframework.jdbc.datasource.DataSourceTransactionManager",
              "org.springframework.transaction.support.TransactionTemplate");
    }

    @Test
    void connectionCallbackLambdaIsNotTheSiteBecauseSpringTakesTheConnectionBeforeCallingIt() {
      assertThat(orders.databaseProduct()).isEqualTo("H2");

      Taken t = recorder.single();
      assertThat(t.site).isEqualTo(site(OrderRepository.class, "databaseProduct", OrderRepository.PRODUCT_LINE));
    }

    @Test
    void connectionTakenInsideAUserLambdaIsSitedAtTheLambdaBody() {
      orders.addAll(List.of("cup", "saucer"));

      List<Taken> all = recorder.taken();
      assertThat(all).hasSize(2).allSatisfy(t -> {
        assertThat(t.site).matches("com\\.example\\.shop\\.OrderRepository\\.lambda\\$addAll\\$\\d+"
            + "\\(OrderRepository\\.java:" + OrderRepository.ADD_ALL_LINE + "\\)");
        // Between the lambda and addAll only the JDK's forEach: the lambda is the first application frame.
        assertThat(t.stack.get(t.siteIndex + 1).getClassName()).startsWith("java.");
      });
    }

    @Test
    void suspectedLeakThroughSpringNamesTheRepositoryLine() throws Exception {
      orders.reserveCallingRemote(THRESHOLD.multipliedBy(4));

      LeakEvent suspected = recorder.awaitLeak(LeakEvent.Kind.SUSPECTED);
      assertThat(suspected.site()).isEqualTo(site(OrderRepository.class, "reserveCallingRemote", OrderRepository.RESERVE_LINE));
      assertThat(recorder.awaitLeak(LeakEvent.Kind.RETURNED).site()).isEqualTo(suspected.site());
    }
  }

  @Nested
  class HibernateOrm {
    private final SiteRecorder recorder = new SiteRecorder();
    private StandardServiceRegistry registry;
    private SessionFactory sessions;
    private CatalogDao catalog;
    private long teapot;

    @BeforeEach
    void setUp() {
      String db = "sites_hibernate_" + System.nanoTime();
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
      DataSource ds = LeashDataSource.wrap(h2, LeashConfig.builder().leakThreshold(THRESHOLD).build());
      registry = new StandardServiceRegistryBuilder()
          .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds)
          .applySetting(AvailableSettings.HBM2DDL_AUTO, "create")
          .build();
      sessions = new MetadataSources(registry).addAnnotatedClass(Product.class).buildMetadata().buildSessionFactory();
      catalog = new CatalogDao(sessions);
      teapot = catalog.add("teapot");
      recorder.watch(db);
    }

    @AfterEach
    void tearDown() {
      recorder.close();
      if (sessions != null) {
        sessions.close();
      }
      StandardServiceRegistryBuilder.destroy(registry);
    }

    @Test
    void beginTransactionIsTheSiteNotHibernate() {
      catalog.add("kettle");

      Taken t = recorder.single();
      assertThat(t.site).isEqualTo(site(CatalogDao.class, "add", CatalogDao.ADD_LINE));
      assertThat(framesAboveSite(t)).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("org.hibernate."));
    }

    @Test
    void findOutsideATransactionIsTheSiteAndTheConnectionGoesBackAfterTheStatement() {
      List<Lease> openDuringMoreWork = new ArrayList<>();
      assertThat(catalog.nameOf(teapot, () -> openDuringMoreWork.addAll(openLeasesOf(recorder)))).isEqualTo("teapot");

      // Hibernate 6 releases after each statement outside a transaction, though the session is still open.
      assertThat(openDuringMoreWork).isEmpty();
      Taken t = recorder.single();
      assertThat(t.site).isEqualTo(site(CatalogDao.class, "nameOf", CatalogDao.FIND_LINE));
      assertThat(framesAboveSite(t)).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("org.hibernate."));
    }

    @Test
    void lazyProxyLoadIsSitedAtTheCallerNotAtTheGeneratedProxyClass() {
      assertThat(catalog.lazyName(teapot)).isEqualTo("teapot");

      Taken t = recorder.single();
      assertThat(t.site).isEqualTo(site(CatalogDao.class, "lazyName", CatalogDao.LAZY_LINE));
      // The generated proxy (a class in the user's package) sits between Hibernate and the DAO.
      assertThat(framesAboveSite(t)).anySatisfy(c -> assertThat(c).startsWith(Product.class.getName() + "$HibernateProxy"));
    }

    @Test
    void transactionHoldsItsConnectionAcrossCallsAndALongHoldIsReportedAtTheDaoLine() throws Exception {
      List<String> openDuringMoreWork = new ArrayList<>();
      catalog.renameSlowly(teapot, "kettle", () -> {
        openLeasesOf(recorder).forEach(l -> openDuringMoreWork.add(l.site()));
        sleep(THRESHOLD.multipliedBy(4));
      });

      String expected = site(CatalogDao.class, "renameSlowly", CatalogDao.HOLD_LINE);
      assertThat(openDuringMoreWork).as("the transaction still holds the connection after find()").containsExactly(expected);
      assertThat(recorder.single().site).isEqualTo(expected);
      assertThat(recorder.awaitLeak(LeakEvent.Kind.SUSPECTED).site()).isEqualTo(expected);
      assertThat(catalog.nameOf(teapot, () -> { })).isEqualTo("kettle");
    }

  }

  private static List<Lease> openLeasesOf(SiteRecorder recorder) {
    return LeashRuntime.registry().openLeases().stream().filter(recorder::isMine).collect(Collectors.toList());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A lease as seen when it started: what Leash chose as its site and the stack it chose from. */
  static final class Taken {
    final String site;
    final List<StackTraceElement> stack;
    final int siteIndex;

    Taken(LeaseView lease) {
      this.site = lease.site();
      this.stack = lease.stack();
      this.siteIndex = ((Lease) lease).capturedStack().siteIndex();
    }

    @Override
    public String toString() {
      return site + " from " + stack;
    }
  }

  /** Records the leases and leak events of one test's database, on the process-wide registry. */
  static final class SiteRecorder implements LeashListener, AutoCloseable {
    private final List<Taken> taken = new CopyOnWriteArrayList<>();
    private final List<LeakEvent> leaks = new CopyOnWriteArrayList<>();
    private volatile String db;

    void watch(String dbName) {
      this.db = dbName;
      LeashRuntime.registry().listeners().add(this);
    }

    boolean isMine(LeaseView lease) {
      String d = db;
      return d != null && lease.db().contains(d);
    }

    @Override
    public void leaseStarted(LeaseView lease) {
      if (isMine(lease)) {
        taken.add(new Taken(lease));
      }
    }

    @Override
    public void leak(LeakEvent event) {
      String d = db;
      if (d != null && event.db().contains(d)) {
        leaks.add(event);
      }
    }

    List<Taken> taken() {
      return List.copyOf(taken);
    }

    void clear() {
      taken.clear();
      leaks.clear();
    }

    Taken single() {
      assertThat(taken).hasSize(1);
      return taken.get(0);
    }

    LeakEvent awaitLeak(LeakEvent.Kind kind) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        for (LeakEvent e : leaks) {
          if (e.kind() == kind) {
            return e;
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no " + kind + " event within 10 s; got " + leaks);
    }

    @Override
    public void close() {
      LeashRuntime.registry().listeners().remove(this);
    }
  }
}
