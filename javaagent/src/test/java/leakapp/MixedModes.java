package leakapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.jdbc.Leash;
import dev.leash.jdbc.LeashDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Run under the agent: an application that also uses Leash's other ways in. Each borrow must be one lease,
 * whoever sees it: LeashDataSource over a pool (the agent sees the pool's getConnection inside it), jdbc:leash:
 * connections taken directly (the agent sees the real driver's connect inside LeashDriver), a pool whose URL is
 * jdbc:leash: (the driver must not infer the borrows the agent counts), both at once, and a data source that is no
 * pool over jdbc:leash: (the agent must not start a second lease on the driver's). Prints, per scenario,
 * how many leases started and ended for its borrows; MixedModesIT asserts them.
 */
public final class MixedModes {

  private static final int BORROWS = 5;
  private static final AtomicInteger STARTED = new AtomicInteger();
  private static final AtomicInteger ENDED = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    Leash.addListener(new LeashListener() {
      @Override
      public void leaseStarted(LeaseView lease) {
        STARTED.incrementAndGet();
      }

      @Override
      public void leaseEnded(LeaseView lease, long heldNanos) {
        ENDED.incrementAndGet();
      }
    });
    try (HikariDataSource plain = hikari("jdbc:h2:mem:mixed-wrapped;DB_CLOSE_DELAY=-1", "wrapped-pool");
        HikariDataSource leashUrl = hikari("jdbc:leash:h2:mem:mixed-url;DB_CLOSE_DELAY=-1", "url-pool");
        HikariDataSource leashUrlWrapped = hikari("jdbc:leash:h2:mem:mixed-both;DB_CLOSE_DELAY=-1", "both-pool")) {
      scenario("datasource-over-pool", LeashDataSource.wrap(plain));
      scenario("leash-url-direct", () -> DriverManager.getConnection("jdbc:leash:h2:mem:mixed-direct;DB_CLOSE_DELAY=-1"));
      scenario("pool-over-leash-url", leashUrl);
      scenario("datasource-over-pool-over-leash-url", LeashDataSource.wrap(leashUrlWrapped));
      // A data source that is no pool, over jdbc:leash: (Spring's DriverManagerDataSource): the agent sees its
      // getConnection(), the driver tracks the connection it returns; one of them must stand aside.
      scenario("plain-datasource-over-leash-url",
          new DriverManagerDataSource("jdbc:leash:h2:mem:mixed-plain;DB_CLOSE_DELAY=-1"));
    }
    System.out.println("program: done");
  }

  private interface Source {
    Connection get() throws SQLException;
  }

  private static void scenario(String name, DataSource ds) throws SQLException {
    scenario(name, ds::getConnection);
  }

  private static void scenario(String name, Source source) throws SQLException {
    // The pool's first connection is opened (and a pool started) outside the counted borrows.
    source.get().close();
    int started = STARTED.get();
    int ended = ENDED.get();
    for (int i = 0; i < BORROWS; i++) {
      try (Connection c = source.get()) {
        Scenario.query(c);
      }
    }
    System.out.println("program: " + name + " borrows=" + BORROWS + " leases=" + (STARTED.get() - started)
        + " ended=" + (ENDED.get() - ended));
  }

  private static HikariDataSource hikari(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName(name);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }
}
