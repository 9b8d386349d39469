package leakapp;

import com.mchange.v2.c3p0.ComboPooledDataSource;

public final class C3p0Leak {
  public static void main(String[] args) throws Exception {
    ComboPooledDataSource ds = new ComboPooledDataSource();
    ds.setJdbcUrl("jdbc:h2:mem:c3p0;DB_CLOSE_DELAY=-1");
    ds.setMaxPoolSize(4);
    Scenario.returnSome(ds, 3);
    Scenario.hold(ds.getConnection()); // LEAK
    Scenario.returnSome(ds, 2);
    Scenario.finish();
  }
}
