package leakapp;

import java.sql.Connection;
import java.sql.DriverManager;

public final class DriverManagerLeak {
  static final String URL = "jdbc:h2:mem:dm;DB_CLOSE_DELAY=-1";

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < 3; i++) {
      Scenario.borrowing();
      try (Connection c = DriverManager.getConnection(URL)) {
        Scenario.query(c);
      }
    }
    System.out.println("program: returned 3 connections normally");
    Scenario.hold(DriverManager.getConnection(URL)); // LEAK
    Scenario.finish();
  }
}
