package dev.leash.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.internal.track.AcquisitionFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.junit.jupiter.api.Test;

/**
 * Each pool's knowledge lives in its adapter, whole: every kind answers every aspect, its timeout as the
 * real pool throws it is recognised by its own shape, and the generic code names no pool.
 */
class PoolAdaptersTest {

  /** The kinds Leash supports (PRODUCT.md, the agent's list) and Oracle UCP, recognised in URL mode. */
  @Test
  void everySupportedPoolHasAnAdapter() {
    assertThat(PoolAdapters.all()).extracting(PoolAdapter::displayName)
        .containsExactlyInAnyOrder("HikariCP", "DBCP2", "c3p0", "Tomcat JDBC", "Agroal", "Vibur", "H2 pool", "Oracle UCP");
  }

  @Test
  void everyAdapterAnswersEveryAspect() {
    for (PoolAdapter a : PoolAdapters.all()) {
      String kind = a.displayName();
      assertThat(kind).as("display name of %s", a.getClass().getSimpleName()).isNotBlank();
      assertThat(a.packages()).as("%s packages", kind).isNotEmpty()
          .allSatisfy(p -> assertThat(p).as("%s: a package ends in '.', a class name has a capital", kind)
              .matches("([a-z0-9_]+\\.)+([A-Z]\\w*)?"));

      PoolAdapter.Naming naming = a.naming();
      boolean named = !naming.getters().isEmpty() || !naming.threadSuffixes().isEmpty() || !naming.jmxClasses().isEmpty();
      assertThat(named || isStated(naming.none())).as("%s: how its name is read, or why it has none", kind).isTrue();
      assertThat(named && naming.none() != null).as("%s: a name and a reason for none", kind).isFalse();
      assertThat(naming.getters()).as("%s name getters", kind).allSatisfy(g -> assertThat(g).startsWith("get"));

      PoolAdapter.Counts counts = a.counts();
      assertThat(counts.max() != null || isStated(counts.none())).as("%s: counts, or why none", kind).isTrue();
      if (counts.max() != null) {
        assertThat(counts.active()).as("%s: the active count beside the maximum", kind).isNotNull();
        assertThat(counts.none()).isNull();
      }

      PoolAdapter.Frames frames = a.frames();
      assertThat(frames.returnsRecognised() || isStated(frames.none())).as("%s: frames, or why none", kind).isTrue();
      if (frames.returnsRecognised()) {
        assertThat(frames.acquire()).as("%s acquisition frames", kind).isNotEmpty();
        List<String> all = new ArrayList<>(frames.acquire());
        all.addAll(frames.returns());
        all.addAll(frames.housekeeping());
        assertThat(all).as("%s: its frames are its own classes' methods", kind)
            .allSatisfy(m -> assertThat(PoolAdapters.owning(m.substring(0, m.lastIndexOf('.')))).isSameAs(a));
      }

      PoolAdapter.Timeout timeout = a.timeout();
      assertThat(timeout.classNames().size() + timeout.messageFragments().size())
          .as("%s: how its timeout looks", kind).isPositive();
      assertThat(timeout.messageFragments()).as("%s: fragments are matched in lower case", kind)
          .allSatisfy(m -> assertThat(m).isLowerCase());

      // Asked per physical connect and per inferred borrow in URL mode: constants, never built per call.
      assertThat(List.of(a.packages(), a.alsoNeverTheSite(), a.naming(), a.counts(), a.frames(), a.timeout()))
          .as("%s answers with constants", kind)
          .usingElementComparator((x, y) -> x == y ? 0 : 1)
          .containsExactly(a.packages(), a.alsoNeverTheSite(), a.naming(), a.counts(), a.frames(), a.timeout());
    }
  }

  @Test
  void everyPackageBelongsToOnePool() {
    for (PoolAdapter a : PoolAdapters.all()) {
      for (String p : a.packages()) {
        String inside = p.endsWith(".") ? p + "SomeClass" : p + "$Inner";
        assertThat(PoolAdapters.owning(inside)).as(inside).isSameAs(a);
        assertThat(PoolAdapters.owning(p.endsWith(".") ? p + "x.Y" : p)).as(p).isSameAs(a);
      }
    }
    assertThat(PoolAdapters.owning("org.h2.jdbc.JdbcConnection")).as("H2's driver is no pool").isNull();
    assertThat(PoolAdapters.owning("org.h2.jdbcx.JdbcConnectionPoolish")).isNull();
    assertThat(PoolAdapters.owning("org.apache.tomcat.util.net.NioEndpoint")).as("Tomcat the container").isNull();
    assertThat(PoolAdapters.owning("com.shop.CheckoutService")).isNull();
  }

  /** Today's order of the name getters on a data source no adapter owns. */
  @Test
  void aDataSourceNoAdapterOwnsIsAskedEveryPoolsNameGetter() {
    assertThat(PoolAdapters.allNameGetters()).containsExactly("getPoolName", "getDataSourceName", "getName", "getJmxName");
  }

  @Test
  void neverTheSiteHoldsEveryPoolsPackages() {
    List<String> never = PoolAdapters.neverTheSite();
    for (PoolAdapter a : PoolAdapters.all()) {
      assertThat(never).containsAll(a.packages()).containsAll(a.alsoNeverTheSite());
    }
    assertThat(never).contains("com.alibaba.druid.pool.", "org.springframework.jdbc.datasource.");
    assertThat(new LinkedHashSet<>(never)).hasSize(never.size());
  }

  /**
   * Each pool's timeout as that pool throws it (messages copied from the pools), recognised by its own
   * adapter's shape and classified as a pool timeout.
   */
  @Test
  void eachPoolsTimeoutIsRecognisedByItsOwnShape() {
    Map<String, Throwable> thrown = Map.of(
        "HikariCP", new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 250ms."),
        "DBCP2", new SQLException("Cannot get a connection, pool error Timeout waiting for idle object",
            new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT0.25S")),
        "c3p0", new SQLException("An attempt by a client to checkout a Connection has timed out."),
        "Tomcat JDBC", new PoolExhaustedException(
            "[main] Timeout: Pool empty. Unable to fetch a connection in 1 seconds, none available[size:2; busy:2; idle:0; lastwait:1000]."),
        "Agroal", new SQLException("Acquisition timeout while waiting for new connection"),
        "Vibur", new SQLTimeoutException("Couldn't obtain SQL connection from pool p1 within 5000ms."),
        "H2 pool", new SQLException("Connection is broken: \"Login timeout\" [90067-240]", "90067"),
        "Oracle UCP", new SQLException("Exception occurred while getting connection: "
            + "oracle.ucp.UniversalConnectionPoolException: All connections in the Universal Connection Pool are in use"));
    assertThat(thrown.keySet()).containsExactlyInAnyOrderElementsOf(
        PoolAdapters.all().stream().map(PoolAdapter::displayName).collect(Collectors.toList()));
    for (PoolAdapter a : PoolAdapters.all()) {
      Throwable t = thrown.get(a.displayName());
      assertThat(matchesInChain(a.timeout(), t)).as("%s's own timeout shape matches %s", a, t).isTrue();
      assertThat(AcquisitionFailure.classify(t)).as(a.displayName()).isEqualTo(AcquisitionFailure.POOL_TIMEOUT);
    }
  }

  @Test
  void noPoolsShapeTakesAnOrdinaryFailureForATimeout() {
    List<Throwable> ordinary = List.of(new SQLException("password authentication failed for user \"shop\"", "28P01"),
        new SQLException("Data source is closed"), new IllegalStateException("pool is shutting down"),
        new SQLTransientConnectionException("Connection reset"));
    for (Throwable t : ordinary) {
      assertThat(PoolAdapters.all()).as(t.toString()).noneMatch(a -> matchesInChain(a.timeout(), t));
      assertThat(AcquisitionFailure.classify(t)).as(t.toString()).isEqualTo(AcquisitionFailure.OTHER);
    }
    assertThat(AcquisitionFailure.classify(new SQLException("HikariPool-1 - Connection is not available, request "
        + "timed out after 250ms.", new SQLException("refused", "08001", new ConnectException("Connection refused")))))
        .as("a timeout whose cause is the database").isEqualTo(AcquisitionFailure.DATABASE_UNAVAILABLE);
  }

  /**
   * The generic code names no pool: string literals in the driver's and the agent's main sources outside
   * this package hold none of the adapters' class names, packages or frames, nor a pool's name.
   */
  @Test
  void noPoolSpecificStringOutsideTheAdapters() throws IOException {
    Set<String> forbidden = new LinkedHashSet<>(List.of("zaxxer", "hikari", "dbcp", "mchange", "c3p0", "tomcat.jdbc",
        "agroal", "vibur", "jdbcconnectionpool", "oracle.ucp", "bonecp", "druid"));
    for (PoolAdapter a : PoolAdapters.all()) {
      a.packages().forEach(p -> forbidden.add(p.toLowerCase()));
      a.alsoNeverTheSite().forEach(p -> forbidden.add(p.toLowerCase()));
      a.naming().jmxClasses().forEach(c -> forbidden.add(c.toLowerCase()));
      a.frames().acquire().forEach(m -> forbidden.add(m.toLowerCase()));
      a.frames().returns().forEach(m -> forbidden.add(m.toLowerCase()));
      a.frames().housekeeping().forEach(m -> forbidden.add(m.toLowerCase()));
      a.timeout().classNames().stream().filter(c -> !c.startsWith("java.")).forEach(c -> forbidden.add(c.toLowerCase()));
    }
    PoolAdapters.neverTheSite().forEach(p -> forbidden.add(p.toLowerCase()));

    List<String> found = new ArrayList<>();
    int files = 0;
    for (Path root : List.of(Paths.get("src/main/java"), Paths.get("../javaagent/src/main/java"))) {
      assertThat(root).as("sources to scan (run from the driver module)").isDirectory();
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(root)) {
        sources = walk.filter(p -> p.toString().endsWith(".java"))
            .filter(p -> !p.toString().replace('\\', '/').contains("/dev/leash/internal/pool/"))
            .collect(Collectors.toList());
      }
      for (Path source : sources) {
        files++;
        for (String literal : stringLiterals(new String(Files.readAllBytes(source), StandardCharsets.UTF_8))) {
          String lower = literal.toLowerCase();
          for (String f : forbidden) {
            if (lower.contains(f)) {
              found.add(source + ": \"" + literal + "\" names " + f);
            }
          }
        }
      }
    }
    assertThat(files).as("source files scanned").isGreaterThan(100);
    assertThat(found).as("pool-specific strings outside dev.leash.internal.pool").isEmpty();
  }

  /**
   * A pool's timeout message is its adapter's to say: the classifier keeps only the signs every pool shares.
   * (Checked in the classifier alone: Leash's own wording says "pool exhausted" too.)
   */
  @Test
  void theClassifierHoldsNoPoolsTimeoutMessage() throws IOException {
    Path classifier = Paths.get("src/main/java/dev/leash/internal/track/AcquisitionFailure.java");
    List<String> literals = stringLiterals(new String(Files.readAllBytes(classifier), StandardCharsets.UTF_8));
    assertThat(literals).as("the classifier's literals").isNotEmpty();
    for (PoolAdapter a : PoolAdapters.all()) {
      for (String fragment : a.timeout().messageFragments()) {
        assertThat(literals).as("%s's timeout message in the classifier", a).noneMatch(l -> l.toLowerCase().contains(fragment));
      }
      for (String cls : a.timeout().classNames()) {
        assertThat(literals).as("%s's timeout class in the classifier", a).doesNotContain(cls);
      }
    }
  }

  @Test
  void theLiteralScanSeesLiteralsAndSkipsComments() {
    String source = "/** com.zaxxer.hikari. in a comment */ class X { // \"io.agroal.\" in a line comment\n"
        + "  String a = \"com.zaxxer.hikari.\"; char q = '\"'; String b = \"x\\\"y\"; }";
    assertThat(stringLiterals(source)).containsExactly("com.zaxxer.hikari.", "x\\\"y");
  }

  private static final Pattern TOKENS = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|'(?:\\\\.|[^'\\\\])*'|\"((?:\\\\.|[^\"\\\\])*)\"", Pattern.DOTALL);

  /** The string literals of a Java source, comments and char literals skipped. */
  static List<String> stringLiterals(String source) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKENS.matcher(source);
    while (m.find()) {
      if (m.group(1) != null) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static boolean matchesInChain(PoolAdapter.Timeout timeout, Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase();
      if (timeout.matches(c, msg)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStated(String reason) {
    return reason != null && !reason.isBlank();
  }
}
