package dev.leash.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leash.jdbc.LeashDriver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed {@code jdbc:leash:} URL, bad value of every key and unknown {@code leash.} key, with the
 * message the user gets: always an {@code SQLException} from {@code connect} (never a
 * {@code NullPointerException} or {@code IllegalArgumentException}), naming what was wrong and what is
 * allowed. (Bad agent arguments: {@code AgentArgumentsTest} and the agent's {@code AgentStartupIT}.)
 */
class BadInputTest {

  private static final String H2 = "jdbc:leash:h2:mem:bad_input";
  private static final String KNOWN = "Known keys are leash.leak.threshold, leash.pool.wait.threshold, "
      + "leash.stack.depth, leash.site.exclude, leash.report.interval, leash.context.keys, leash.jmx, leash.metrics, leash.jfr";
  private static final String DURATION = "use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)";

  static Stream<Arguments> cases() {
    return Stream.of(
        url(null, "The URL is null; a Leash URL is jdbc:leash: followed by the real driver's URL without its jdbc:, "
            + "for example jdbc:leash:postgresql://host/db"),
        url("jdbc:leash:", "Leash URL 'jdbc:leash:' names no database after jdbc:leash:; write the real driver's URL "
            + "after it, for example jdbc:leash:postgresql://host/db or jdbc:leash:h2:mem:test"),
        url("jdbc:leash:   ", "Leash URL 'jdbc:leash:   ' names no database after jdbc:leash:; write the real driver's "
            + "URL after it, for example jdbc:leash:postgresql://host/db or jdbc:leash:h2:mem:test"),
        url("jdbc:leash:jdbc:h2:mem:x", "Leash URL 'jdbc:leash:jdbc:h2:mem:x' repeats a prefix; write jdbc:leash:h2:mem:x "
            + "(jdbc:leash: followed by the real URL without its jdbc:)"),
        url("jdbc:leash:leash:h2:mem:x", "Leash URL 'jdbc:leash:leash:h2:mem:x' repeats a prefix; write jdbc:leash:h2:mem:x "
            + "(jdbc:leash: followed by the real URL without its jdbc:)"),
        url("jdbc:leash:nosuchdb://host/db", "No JDBC driver on the class path accepted 'jdbc:nosuchdb://host/db' (the URL "
            + "after jdbc:leash:). Add the database's JDBC driver to the application, or check the URL's subprotocol."),
        url("jdbc:leash:h2", "No JDBC driver on the class path accepted 'jdbc:h2' (the URL after jdbc:leash:). Add the "
            + "database's JDBC driver to the application, or check the URL's subprotocol."),
        key("leash.leak.threshold", "5x", "leash.leak.threshold: '5x' (connection property) is not a duration; " + DURATION),
        key("leash.leak.threshold", "-1s", "leash.leak.threshold: '-1s' (connection property) is not a duration; " + DURATION),
        key("leash.leak.threshold", "48h", "leash.leak.threshold: '48h' (connection property) is not allowed; use a "
            + "duration from 1ms to 24h, such as 250ms, 30s, 5m or PT30S"),
        key("leash.pool.wait.threshold", "soon", "leash.pool.wait.threshold: 'soon' (connection property) is not a duration; "
            + DURATION),
        key("leash.report.interval", "forever", "leash.report.interval: 'forever' (connection property) is not a duration; "
            + DURATION),
        key("leash.stack.depth", "-1", "leash.stack.depth: '-1' (connection property) is not allowed; use a whole number "
            + "from 0 to 1024"),
        key("leash.stack.depth", "2000", "leash.stack.depth: '2000' (connection property) is not allowed; use a whole "
            + "number from 0 to 1024"),
        key("leash.stack.depth", "ten", "leash.stack.depth: 'ten' (connection property) is not allowed; use a whole number "
            + "from 0 to 1024"),
        key("leash.site.exclude", "com..acme", "leash.site.exclude: 'com..acme' (connection property) is not allowed: "
            + "'com..acme' is not a package or class name prefix; use comma-separated package or class name prefixes, "
            + "such as com.acme.dao,com.acme.util.Sql"),
        key("leash.jmx", "yes", "leash.jmx: 'yes' (connection property) is not allowed; use true or false"),
        key("leash.metrics", "1", "leash.metrics: '1' (connection property) is not allowed; use true or false"),
        key("leash.jfr", "maybe", "leash.jfr: 'maybe' (connection property) is not allowed; use true or false"),
        key("leash.leak.treshold", "1s", "leash.leak.treshold: '1s' (connection property) is not a known key; did you "
            + "mean leash.leak.threshold? " + KNOWN),
        key("leash.foo", "bar", "leash.foo: 'bar' (connection property) is not a known key; did you mean leash.jmx? "
            + KNOWN));
  }

  private static Arguments url(String url, String message) {
    return Arguments.of(String.valueOf(url), url, new Properties(), message);
  }

  private static Arguments key(String key, String value, String message) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return Arguments.of(key + "=" + value, H2, p, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithAClearSqlException(String name, String url, Properties props, String message) {
    Throwable thrown = catchThrowable(() -> new LeashDriver().connect(url, props));

    assertThat(thrown).isInstanceOf(SQLException.class).hasMessage(message);
    assertThat(((SQLException) thrown).getSQLState()).isIn("08001", "HY024");
  }
}
