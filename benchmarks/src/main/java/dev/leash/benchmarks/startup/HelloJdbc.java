package dev.leash.benchmarks.startup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The hello-world JDBC program that {@link StartupHarness} times: opens an H2 connection through
 * {@code DriverManager}, runs one query, prints its result and exits. Nothing else, so what the agent adds
 * to a JVM's start is most of the difference.
 */
public final class HelloJdbc {

  private HelloJdbc() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:hello");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
      rs.next();
      System.out.println("hello " + rs.getInt(1));
    }
  }
}
