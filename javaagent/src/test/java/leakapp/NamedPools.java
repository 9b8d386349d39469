package leakapp;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Three HikariCP pools made as Spring Boot makes them (no-arg constructor, then setters; the pool starts at
 * its first getConnection()): one with an explicit poolName, one without (HikariCP names it HikariPool-1
 * when it starts), one used and left with nothing open. One leak from each of the first two.
 */
public final class NamedPools {
  public static void main(String[] args) throws Exception {
    HikariDataSource orders = pool("orders-pool", "orders");
    HikariDataSource unnamed = pool(null, "unnamed");
    HikariDataSource idle = pool("idle-pool", "idle");
    Scenario.returnSome(orders, 2);
    Scenario.hold(orders.getConnection()); // LEAK orders
    Scenario.returnSome(unnamed, 2);
    Scenario.hold(unnamed.getConnection()); // LEAK unnamed
    Scenario.returnSome(idle, 1);
    System.out.println("program: pools " + orders.getPoolName() + ", " + unnamed.getPoolName() + ", " + idle.getPoolName());
    Scenario.finish();
  }

  private static HikariDataSource pool(String name, String db) {
    HikariDataSource ds = new HikariDataSource();
    if (name != null) {
      ds.setPoolName(name);
    }
    ds.setJdbcUrl("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
    ds.setMaximumPoolSize(3);
    return ds;
  }
}
