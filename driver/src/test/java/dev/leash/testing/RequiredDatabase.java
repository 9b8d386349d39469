package dev.leash.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real database servers that some tests run against, and the rule for when they are missing.
 *
 * <p>Call {@link #assumeReachable()} from a {@code @BeforeEach}: when the server cannot be reached
 * each test is skipped with a message that says why (from a {@code @BeforeAll}, Surefire would show
 * neither the skips nor the message), unless the environment variable {@value
 * #REQUIRE_ENV} is {@code 1} (CI sets it where the servers run), in which case each test fails. The
 * check opens one connection with the real driver and a short connect timeout; its outcome is
 * remembered for the rest of the JVM, so an absent server costs the timeout once.
 */
public enum RequiredDatabase {
  /** PostgreSQL with trust authentication, database {@code test}, user {@code postgres}. */
  POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "127.0.0.1:5432", "postgres", "",
      "connectTimeout", "2"),
  /** MariaDB, database {@code test}, user {@code root} with an empty password. */
  MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "127.0.0.1:3306", "root", "",
      "connectTimeout", "2000");

  /** Environment variable that turns a missing server from a skip into a failure. */
  public static final String REQUIRE_ENV = "LEASH_REQUIRE_DATABASES";

  private final String displayName;
  private final String rawUrl;
  private final String address;
  private final String user;
  private final String password;
  private final String timeoutKey;
  private final String timeoutValue;

  /** Null until checked; then the reason the server is unreachable, or the empty string. */
  private volatile String unreachableBecause;

  RequiredDatabase(String displayName, String rawUrl, String address, String user, String password,
      String timeoutKey, String timeoutValue) {
    this.displayName = displayName;
    this.rawUrl = rawUrl;
    this.address = address;
    this.user = user;
    this.password = password;
    this.timeoutKey = timeoutKey;
    this.timeoutValue = timeoutValue;
  }

  /** The real driver's URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}. */
  public String rawUrl() {
    return rawUrl;
  }

  /** The same URL behind Leash's prefix, e.g. {@code jdbc:leash:postgresql://127.0.0.1:5432/test}. */
  public String leashUrl() {
    return "jdbc:leash:" + rawUrl.substring("jdbc:".length());
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Opens a connection to {@code url} (raw or Leash) with this server's credentials. */
  public Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * Aborts the calling test if the server is not reachable, or fails it if {@value
   * #REQUIRE_ENV}{@code =1}. Fails it in any case if the real driver is missing.
   */
  public void assumeReachable() {
    try {
      DriverManager.getDriver(rawUrl);
    } catch (SQLException e) {
      // A missing driver is a broken build, not a missing server: never a skip.
      Assertions.fail("no JDBC driver for " + rawUrl + " on the test class path", e);
    }
    String because = unreachableBecause;
    if (because == null) {
      because = probe();
      unreachableBecause = because;
    }
    if (because.isEmpty()) {
      return;
    }
    String where = displayName + " not reachable at " + address + " (" + because + ")";
    if (isRequired()) {
      Assertions.fail(where + "; " + REQUIRE_ENV + "=1 requires it");
    }
    Assumptions.abort(where + "; set " + REQUIRE_ENV + "=1 to make this a failure");
  }

  /** Whether the environment demands the real databases. */
  public static boolean isRequired() {
    String value = System.getenv(REQUIRE_ENV);
    return "1".equals(value) || "true".equalsIgnoreCase(value);
  }

  private String probe() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty(timeoutKey, timeoutValue);
    try (Connection connection = DriverManager.getConnection(rawUrl, properties)) {
      return connection.isValid(2) ? "" : "the connection opened but is not valid";
    } catch (SQLException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
