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

class DirectUrlLeakTest extends AbstractLeakDetectionTest {
  @Override
  DataSource dataSource(String rawUrl, String leashUrl, Duration t, List<AutoCloseable> toClose) {
    Properties props = threshold(t);
    // The test's DriverManager adapter plays a framework's role: not the application's site.
    props.setProperty("leash.site.exclude", "dev.leash.testing");
    return new UrlDataSource(leashUrl, props);
  }
}
