package dev.leash.it.pool;

import static dev.leash.testing.LogCapture.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.config.LeashConfig;
import dev.leash.it.shop.Db;
import dev.leash.it.shop.OrderFlows;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code connection.nested} through a helper: both acquisitions of every nested pair happen in {@code Db.open()}, so
 * pairs of sites cannot tell the flows apart. Pairs are counted by path: each flow that nests is reported, naming
 * the path of the connection it holds.
 */
class NestedPathTest {

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private LogCapture logs;
  private String name;

  @BeforeEach
  void setUp() {
    logs = new LogCapture();
    name = "nested_path_" + System.nanoTime();
  }

  @AfterEach
  void tearDown() throws Exception {
    logs.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void nestedPairsThroughOneHelperAreCountedByPath() throws Exception {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    DataSource ds = LeashDataSource.wrap(Pools.HIKARI.create(name, url, 4, 5000, toClose),
        LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).reportInterval(Duration.ofMillis(1)).build());
    for (int i = 0; i < 3; i++) {
      OrderFlows.place(ds);
      OrderFlows.refund(ds);
      Thread.sleep(5); // past the report interval: only the once-per-pair rule may hold a report back
    }

    List<ILoggingEvent> nested = logs.await("connection.nested", e -> name.equals(kv(e, "pool")), 2, 10);
    Thread.sleep(300); // room for a wrong third report
    nested = logs.named("connection.nested", e -> name.equals(kv(e, "pool")));
    String site = "dev.leash.it.shop.Db.open(Db.java:" + Db.OPEN_LINE + ")";
    String flows = "dev.leash.it.shop.OrderFlows.";
    assertThat(nested).as("one report per pair of paths").hasSize(2);
    assertThat(nested).allSatisfy(e -> {
      assertThat(kv(e, "site")).isEqualTo(site);
      assertThat(kv(e, "held_site")).isEqualTo(site);
    });
    assertThat(nested.stream().map(e -> String.valueOf(kv(e, "held_path"))).collect(Collectors.toList())).containsExactlyInAnyOrder(
        site + " <- " + flows + "place(OrderFlows.java:" + OrderFlows.PLACE_LINE + ")",
        site + " <- " + flows + "refund(OrderFlows.java:" + OrderFlows.REFUND_LINE + ")");
    assertThat(nested).allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("taken at " + kv(e, "held_path")));
  }
}
