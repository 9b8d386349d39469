package dev.leash.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** {@link Leash#addListener}: the public way to hear Leash's events, and to stop hearing them. */
class LeashAddListenerTest {

  @Test
  void aListenerHearsLeasesUntilItsRegistrationIsClosed() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:leash_add_listener;DB_CLOSE_DELAY=-1");
    DataSource db = LeashDataSource.wrap(h2, LeashConfig.defaults());
    List<String> heard = new CopyOnWriteArrayList<>();
    LeashListener listener = new LeashListener() {
      @Override
      public void leaseStarted(LeaseView lease) {
        if (lease.db() != null && lease.db().contains("leash_add_listener")) {
          heard.add("started");
        }
      }

      @Override
      public void leaseEnded(LeaseView lease, long heldNanos) {
        if (lease.db() != null && lease.db().contains("leash_add_listener")) {
          heard.add("ended");
        }
      }
    };

    try (Leash.Registration registration = Leash.addListener(listener)) {
      assertThat(Leash.addListener(listener)).as("adding twice still delivers once").isNotNull();
      try (Connection c = db.getConnection()) {
        c.isValid(1);
      }
    }
    assertThat(heard).containsExactly("started", "ended");

    try (Connection c = db.getConnection()) {
      c.isValid(1);
    }
    assertThat(heard).as("nothing after close()").hasSize(2);
  }
}
