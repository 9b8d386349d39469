package dev.leash.it.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code dev.leash:type=Leash} MBean, read through the platform MBean server as JConsole would. */
class JmxMBeanTest {

  @BeforeAll
  static void outputsStarted() throws Exception {
    OutputsTesting.outputsStarted();
  }


  private final String name = "jmx_" + System.nanoTime();
  private HikariDataSource hikari;

  @AfterEach
  void tearDown() {
    if (hikari != null) {
      hikari.close();
    }
  }

  @Test
  void attributesAndDumpShowTheHeldConnection() throws Exception {
    hikari = OutputsTesting.hikari(name, 2, 1000);
    DataSource ds = LeashDataSource.wrap(hikari, LeashConfig.defaults());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName leash = new ObjectName("dev.leash:type=Leash");

    try (Connection held = ds.getConnection()) { int line = new Throwable().getStackTrace()[0].getLineNumber();
      assertThat(server.isRegistered(leash)).as("registered after the first connection").isTrue();
      assertThat((Integer) server.getAttribute(leash, "OpenLeases")).isGreaterThanOrEqualTo(1);
      assertThat((Long) server.getAttribute(leash, "SuspectedLeaks")).isGreaterThanOrEqualTo(0L);
      assertThat((Long) server.getAttribute(leash, "ConfirmedLeaks")).isGreaterThanOrEqualTo(0L);

      String dump = (String) server.invoke(leash, "dump", new Object[0], new String[0]);
      String site = getClass().getName() + ".attributesAndDumpShowTheHeldConnection(JmxMBeanTest.java:" + line + ")";
      assertThat(dump).startsWith("Leash holders report: ").contains("\nPool " + name + ":\nHolders: 1 open lease")
          .contains("x " + site).contains("threads: " + Thread.currentThread().getName());
      int openWhileHeld = (Integer) server.getAttribute(leash, "OpenLeases");
      held.close();
      assertThat((Integer) server.getAttribute(leash, "OpenLeases")).isLessThan(openWhileHeld);
      // The pool stays listed with no connection open: a dump must not read as if Leash tracked nothing.
      assertThat((String) server.invoke(leash, "dump", new Object[0], new String[0])).doesNotContain(site)
          .contains("\nPool " + name + ":\nHolders: 0 open leases");
    }
  }
}
