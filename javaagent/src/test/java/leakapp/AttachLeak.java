package leakapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Started without the agent: makes a HikariCP pool and uses it (so its classes are loaded before the
 * attach), says "ready", and waits. After "leak" on stdin it leaks two connections at one line and
 * returns one; after "exit" it exits.
 */
public final class AttachLeak {
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setPoolName("attach-pool");
    config.setJdbcUrl("jdbc:h2:mem:attach;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    Scenario.returnSome(ds, 2);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("program: ready");
    System.out.flush();
    while (!"leak".equals(in.readLine())) {
      Thread.onSpinWait();
    }
    for (int i = 0; i < 2; i++) {
      Scenario.hold(ds.getConnection()); // LEAK
    }
    Scenario.returnSome(ds, 1);
    System.out.println("program: leaked");
    System.out.flush();
    while (!"exit".equals(in.readLine())) {
      Thread.onSpinWait();
    }
    System.exit(0);
  }
}
