package leakapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;

/** Leaks both connections of a pool of 2, waits past the threshold, then asks for a third: the pool is exhausted. */
public final class HikariExhausted {
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setPoolName("exhausted-pool");
    config.setJdbcUrl("jdbc:h2:mem:exhausted;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(2);
    config.setConnectionTimeout(500);
    HikariDataSource ds = new HikariDataSource(config);
    for (int i = 0; i < 2; i++) {
      Scenario.hold(ds.getConnection()); // LEAK
    }
    Thread.sleep(1500);
    try {
      ds.getConnection();
      System.out.println("program: unexpectedly got a connection");
    } catch (SQLException expected) {
      System.out.println("program: timed out as expected");
    }
    Scenario.finish();
  }
}
