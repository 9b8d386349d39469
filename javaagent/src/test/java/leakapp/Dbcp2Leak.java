package leakapp;

import org.apache.commons.dbcp2.BasicDataSource;

public final class Dbcp2Leak {
  public static void main(String[] args) throws Exception {
    BasicDataSource ds = new BasicDataSource();
    ds.setUrl("jdbc:h2:mem:dbcp2;DB_CLOSE_DELAY=-1");
    ds.setMaxTotal(4);
    ds.setMinIdle(2);
    ds.setDurationBetweenEvictionRuns(java.time.Duration.ofMillis(200));
    Scenario.returnSome(ds, 3);
    Scenario.hold(ds.getConnection()); // LEAK
    Scenario.returnSome(ds, 2);
    Scenario.finish();
  }
}
