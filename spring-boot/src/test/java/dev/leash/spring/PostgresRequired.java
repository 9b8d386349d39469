package dev.leash.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a PostgreSQL test class only when the server at 127.0.0.1:5432 answers, unless
 * {@code LEASH_REQUIRE_DATABASES=1} (CI), where an absent server fails the tests instead of skipping them.
 * Evaluated before Spring starts the application, which would fail on an absent database.
 */
final class PostgresRequired implements ExecutionCondition {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static volatile String unreachable;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if ("1".equals(System.getenv("LEASH_REQUIRE_DATABASES"))) {
      return ConditionEvaluationResult.enabled("LEASH_REQUIRE_DATABASES=1: PostgreSQL is required");
    }
    String why = check();
    return why.isEmpty() ? ConditionEvaluationResult.enabled("PostgreSQL answers")
        : ConditionEvaluationResult.disabled("PostgreSQL at 127.0.0.1:5432 is not reachable: " + why);
  }

  private static String check() {
    String why = unreachable;
    if (why == null) {
      Properties p = new Properties();
      p.setProperty("user", "postgres");
      p.setProperty("connectTimeout", "2");
      try (Connection c = DriverManager.getConnection(URL, p)) {
        why = "";
      } catch (SQLException e) {
        why = e.getMessage();
      }
      unreachable = why;
    }
    return why;
  }
}
