package leakapp;

import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

public final class TomcatJdbcLeak {
  public static void main(String[] args) throws Exception {
    PoolProperties p = new PoolProperties();
    p.setUrl("jdbc:h2:mem:tomcat;DB_CLOSE_DELAY=-1");
    p.setDriverClassName("org.h2.Driver");
    p.setMaxActive(4);
    p.setInitialSize(2);
    DataSource ds = new DataSource(p);
    Scenario.returnSome(ds, 3);
    Scenario.hold(ds.getConnection()); // LEAK
    Scenario.returnSome(ds, 2);
    Scenario.finish();
  }
}
