package leakapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * HikariLeak as the Start-Class of a Spring Boot executable jar: this class, HikariCP, H2, SLF4J and Logback are
 * loaded by Spring Boot's nested-jar class loader, not the system class loader.
 */
public final class BootLeak {
  public static void main(String[] args) throws Exception {
    System.out.println("program: BootLeak loaded by " + BootLeak.class.getClassLoader().getClass().getName()
        + ", HikariCP from " + HikariDataSource.class.getProtectionDomain().getCodeSource().getLocation());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:boot;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    HikariDataSource ds = new HikariDataSource(config);
    Scenario.returnSome(ds, 3);
    Scenario.hold(ds.getConnection()); // LEAK
    Scenario.returnSome(ds, 2);
    Scenario.finish();
  }
}
