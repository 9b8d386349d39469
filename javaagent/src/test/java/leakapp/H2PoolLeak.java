package leakapp;

import org.h2.jdbcx.JdbcConnectionPool;

public final class H2PoolLeak {
  public static void main(String[] args) throws Exception {
    JdbcConnectionPool ds = JdbcConnectionPool.create("jdbc:h2:mem:h2pool;DB_CLOSE_DELAY=-1", "sa", "");
    ds.setMaxConnections(4);
    Scenario.returnSome(ds, 3);
    Scenario.hold(ds.getConnection()); // LEAK
    Scenario.returnSome(ds, 2);
    Scenario.finish();
  }
}
