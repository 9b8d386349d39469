package leakapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

public final class HikariLeak {
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:hikari;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    Scenario.returnSome(ds, 3);
    try (Request request = Request.begin(Request.TRACE_ID, Request.SPAN_ID)) {
      Scenario.hold(ds.getConnection()); // LEAK
    }
    Scenario.returnSome(ds, 2);
    Scenario.finish();
  }
}
