package dev.leash.it;

import static dev.leash.it.LeakModes.config;
import static dev.leash.it.LeakModes.dbcp2;
import static dev.leash.it.LeakModes.hikari;
import static dev.leash.it.LeakModes.threshold;

import dev.leash.jdbc.LeashDataSource;
import dev.leash.testing.UrlDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

class UrlUnderDbcp2LeakTest extends AbstractLeakDetectionTest {
  @Override
  DataSource dataSource(String rawUrl, String leashUrl, Duration t, List<AutoCloseable> toClose) {
    return dbcp2(leashUrl, threshold(t), toClose);
  }

  @Override
  boolean seesApplicationConnection() {
    return false;
  }
}
