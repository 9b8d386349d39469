package dev.leash.reliability;

import dev.leash.report.ReportText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.event.StartedEvent;
import dev.leash.internal.LeashRuntime;
import dev.leash.internal.config.ConfigLoader;
import dev.leash.internal.track.HolderGroups;
import dev.leash.internal.track.LeaseRegistry;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.report.Reporters;
import dev.leash.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Secrets stay secret: a distinctive password in every place a URL can carry one (query string, H2's
 * {@code ;PASSWORD=}, userinfo) and in the connection properties, and a distinctive SQL parameter value,
 * never appear in any output while every event type is driven: plain-text log with key-values and
 * stacks, Logback's JSON log, stderr, the holders report, Leash's own exception messages. And Leash
 * opens no network port.
 */
class SecurityTest {

  static final String PASSWORD = "Pw-9f3Kq2-SECRET";
  static final String PARAMETER = "Param-7Hx4-PRIVATE";
  static final Duration THRESHOLD = Duration.ofMillis(200);

  private final Logger leashLogger = (Logger) LoggerFactory.getLogger("leash");
  private final Logger leakLogger = (Logger) LoggerFactory.getLogger("leash.leak");
  private final ByteArrayOutputStream json = new ByteArrayOutputStream();
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final List<OutputStreamAppender<ILoggingEvent>> appenders = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private PrintStream originalErr;
  private LogCapture logs;
  private String marker;
  private String leashUrl;

  /** Takes any {@code jdbc:pwtest:} URL, secrets and all, and opens the test's H2 database. */
  static final class SecretUrlDriver implements Driver {
    volatile String target;
    volatile long connectMillis;

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      if (!acceptsURL(url)) {
        return null;
      }
      try {
        Thread.sleep(connectMillis); // a slow database: the pool's first borrow waits (pool.wait.slow)
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return DriverManager.getConnection(target);
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith("jdbc:pwtest:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
      return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
      return 1;
    }

    @Override
    public int getMinorVersion() {
      return 0;
    }

    @Override
    public boolean jdbcCompliant() {
      return false;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }
  }

  private final SecretUrlDriver driver = new SecretUrlDriver();

  @BeforeEach
  void setUp() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    JsonEncoder jsonEncoder = new JsonEncoder();
    jsonEncoder.setContext(context);
    jsonEncoder.start();
    PatternLayoutEncoder textEncoder = new PatternLayoutEncoder();
    textEncoder.setContext(context);
    textEncoder.setPattern("%level %logger %msg %kvp%n%ex{full}");
    textEncoder.start();
    attach(jsonEncoder, json, context);
    attach(textEncoder, text, context);
    leakLogger.setLevel(Level.DEBUG);
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(originalErr, stderr), true, StandardCharsets.UTF_8));
    logs = new LogCapture();

    marker = "secret_" + System.nanoTime();
    driver.target = "jdbc:h2:mem:" + marker + ";DB_CLOSE_DELAY=-1";
    DriverManager.registerDriver(driver);
    try (Connection c = DriverManager.getConnection(driver.target); Statement s = c.createStatement()) {
      s.execute("CREATE ALIAS SLEEP FOR \"dev.leash.testing.H2Functions.sleep\"");
    }
    leashUrl = "jdbc:leash:" + rawSecretUrl().substring("jdbc:".length());
  }

  /** Userinfo, query string and H2-style settings, all holding the password. */
  private String rawSecretUrl() {
    return "jdbc:pwtest://leashuser:" + PASSWORD + "@dbhost:5432/" + marker + "?user=leashuser&password=" + PASSWORD
        + ";PASSWORD=" + PASSWORD;
  }

  private void attach(Encoder<ILoggingEvent> encoder, ByteArrayOutputStream out, LoggerContext context) {
    OutputStreamAppender<ILoggingEvent> a = new OutputStreamAppender<>();
    a.setContext(context);
    a.setName("security-" + appenders.size());
    a.setEncoder(encoder);
    a.setOutputStream(out);
    a.start();
    leashLogger.addAppender(a);
    appenders.add(a);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (OutputStreamAppender<ILoggingEvent> a : appenders) {
      leashLogger.detachAppender(a);
      a.stop();
    }
    leakLogger.setLevel(null);
    System.setErr(originalErr);
    logs.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
    DriverManager.deregisterDriver(driver);
  }

  private Properties secretProperties(String... leashKeysAndValues) {
    Properties p = new Properties();
    p.setProperty("user", "leashuser");
    p.setProperty("password", PASSWORD);
    for (int i = 0; i < leashKeysAndValues.length; i += 2) {
      p.setProperty(leashKeysAndValues[i], leashKeysAndValues[i + 1]);
    }
    return p;
  }

  @Test
  void passwordsAndParameterValuesAppearInNoOutput() throws Exception {
    List<String> outputs = new ArrayList<>();

    // leash.started, as the runtime emits it (it is once per JVM, so on a registry of its own).
    LeaseRegistry fresh = new LeaseRegistry(LeashRuntime.registry().clock(), false);
    fresh.listeners().add(Reporters.create(Runnable::run));
    fresh.reportStartedOnce(new StartedEvent("driver", "test",
        ConfigLoader.load(secretProperties("leash.leak.threshold", "200ms")).describe()));

    // URL mode: acquired/released (DEBUG), suspected + holders report, returned, busy, confirmed.
    Properties props = secretProperties("leash.leak.threshold", THRESHOLD.toMillis() + "ms");
    Connection leaked = DriverManager.getConnection(leashUrl, props);
    query(leaked);
    logs.await("connection.leak.suspected", Soak.about(marker), 1, 10);
    LeaseRegistry registry = LeashRuntime.registry();
    outputs.add(ReportText.holdersByPool(HolderGroups.byPool(Soak.openLeases(marker), java.util.List.of(), registry.clock().nanoTime()), 0));
    leaked.close();
    try (Connection c = DriverManager.getConnection(leashUrl, props);
        PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS VARCHAR), SLEEP(?)")) {
      ps.setString(1, PARAMETER);
      ps.setLong(2, THRESHOLD.toMillis() * 3);
      ps.executeQuery().close();
    }
    dropUnclosed(props);
    for (int i = 0; i < 100 && logs.named("connection.leak.confirmed", Soak.about(marker)).isEmpty(); i++) {
      System.gc();
      Thread.sleep(20);
    }

    // A pool wrapped by LeashDataSource over the secret URL: pool.wait.slow, pool.exhausted, connection.nested.
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("secure-" + marker);
    hc.setJdbcUrl(rawSecretUrl());
    hc.setUsername("leashuser");
    hc.setPassword(PASSWORD);
    hc.setMaximumPoolSize(3);
    hc.setMinimumIdle(0);
    hc.setConnectionTimeout(250);
    driver.connectMillis = 120;
    HikariDataSource hikari = new HikariDataSource(hc);
    toClose.add(hikari);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.builder().leakThreshold(Duration.ofSeconds(30))
        .poolWaitThreshold(Duration.ofMillis(50)).reportInterval(Duration.ofMillis(1)).build());
    Connection a = ds.getConnection(); // opens a connection slowly: pool.wait.slow
    nested(ds);
    Connection b = ds.getConnection();
    Connection c3 = ds.getConnection();
    Throwable timeout = catchThrowable(ds::getConnection); // pool.exhausted with the holders report
    assertThat(timeout).isInstanceOf(SQLException.class);
    c3.close();
    b.close();
    a.close();
    driver.connectMillis = 0;

    // Leash's own exception messages name the URL, masked.
    outputs.add(String.valueOf(catchThrowable(() -> DriverManager.getConnection(
        "jdbc:leash:nosuchdb://leashuser:" + PASSWORD + "@h/db?password=" + PASSWORD, props)).getMessage()));
    outputs.add(String.valueOf(catchThrowable(() -> DriverManager.getConnection(
        "jdbc:leash:jdbc:pwtest://u:" + PASSWORD + "@h/db;PASSWORD=" + PASSWORD, props)).getMessage()));

    for (String event : List.of("leash.started", "connection.acquired", "connection.released", "connection.leak.suspected",
        "connection.leak.returned", "connection.held.busy", "connection.leak.confirmed", "pool.wait.slow",
        "pool.exhausted", "connection.nested")) {
      assertThat(logs.await(event, e -> true, 1, 10)).as("event %s was driven", event).isNotEmpty();
    }
    Thread.sleep(300); // let the reporting thread finish writing
    outputs.add(json.toString(StandardCharsets.UTF_8));
    outputs.add(text.toString(StandardCharsets.UTF_8));
    outputs.add(stderr.toString(StandardCharsets.UTF_8));
    String all = String.join("\n", outputs);

    assertThat(all).contains(marker).contains("pool.exhausted").contains("Holders:").contains("connection.acquired")
        .contains("\"kvpList\"").contains("Leash holders report");
    assertThat(all).doesNotContain(PASSWORD).doesNotContain(PARAMETER);
    assertThat(all).contains("****"); // the places where the password was, masked
  }

  private static void query(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS VARCHAR)")) {
      ps.setString(1, PARAMETER);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }

  private void dropUnclosed(Properties props) throws SQLException {
    Connection c = DriverManager.getConnection(leashUrl, props);
    query(c);
  }

  private static void nested(DataSource ds) throws SQLException {
    try (Connection inner = ds.getConnection()) {
      query(inner);
    }
  }

  /** Leash opens no listening socket: no ServerSocket, channel, HTTP or JMX/RMI server in its main code. */
  @Test
  void leashOpensNoNetworkPort() throws IOException {
    Path root = Paths.get("").toAbsolutePath();
    Path repo = Files.exists(root.resolve("driver")) ? root : root.getParent();
    List<Path> sources = new ArrayList<>();
    for (String module : List.of("driver", "javaagent")) {
      Path main = repo.resolve(module).resolve("src/main/java");
      if (Files.isDirectory(main)) {
        try (Stream<Path> s = Files.walk(main)) {
          sources.addAll(s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList()));
        }
      }
    }
    assertThat(sources).hasSizeGreaterThan(20);
    Set<String> offenders = new HashSet<>();
    for (Path p : sources) {
      String code = Files.readString(p);
      // Every JDK way to listen: server sockets and channels (ServerSocket*, AsynchronousServerSocketChannel),
      // datagram sockets and channels, the JDK HTTP server, JMX connector servers and RMI registries.
      // (A bare ".bind(" is not one: Micrometer's MeterBinder binds meters to a registry.)
      for (String api : List.of("ServerSocket", "HttpServer", "JMXConnectorServer", "LocateRegistry", "DatagramSocket",
          "DatagramChannel", "InetSocketAddress", "com.sun.net.httpserver")) {
        if (code.contains(api)) {
          offenders.add(repo.relativize(p) + ": " + api);
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  /** Listening TCP sockets of this JVM (Linux), before and after Leash tracked connections and reported. */
  @Test
  void noListeningSocketAppearsWhileLeashRuns() throws Exception {
    Set<String> before = listeningSocketsOfThisProcess();
    org.junit.jupiter.api.Assumptions.assumeTrue(before != null, "needs /proc (Linux)");
    Connection leaked = DriverManager.getConnection(leashUrl, secretProperties("leash.leak.threshold", "100ms"));
    query(leaked);
    logs.await("connection.leak.suspected", Soak.about(marker), 1, 10);
    leaked.close();
    assertThat(listeningSocketsOfThisProcess()).isEqualTo(before);
  }

  private static Set<String> listeningSocketsOfThisProcess() throws IOException {
    Path fd = Paths.get("/proc/self/fd");
    if (!Files.isDirectory(fd)) {
      return null;
    }
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> s = Files.list(fd)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        try {
          String target = Files.readSymbolicLink(p).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    }
    Set<String> listening = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path t = Paths.get(table);
      if (!Files.exists(t)) {
        continue;
      }
      for (String line : Files.readAllLines(t)) {
        String[] f = line.trim().split("\\s+");
        // local_address state ... inode: state 0A is LISTEN
        if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9])) {
          listening.add(table + " " + f[1]);
        }
      }
    }
    return listening;
  }

  /** Writes to two streams. */
  static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
