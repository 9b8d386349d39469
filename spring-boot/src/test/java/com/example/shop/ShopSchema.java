package com.example.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shop's tables, named uniquely per application context: PostgreSQL is shared with other test runs
 * on the same machine. Also the database-specific SQL the services need (a query that takes a while).
 */
@Component
public class ShopSchema implements DisposableBean {

  private static final AtomicLong CONTEXTS = new AtomicLong();

  private final JdbcTemplate jdbc;
  private final String orders;
  private final String audit;
  private final boolean postgres;

  public ShopSchema(DataSource dataSource) throws SQLException {
    this.jdbc = new JdbcTemplate(dataSource);
    String suffix = ProcessHandle.current().pid() + "_" + CONTEXTS.incrementAndGet() + "_" + System.nanoTime() % 100_000;
    this.orders = "starter_orders_" + suffix;
    this.audit = "starter_audit_" + suffix;
    try (Connection c = dataSource.getConnection()) {
      this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }
    jdbc.execute("CREATE TABLE " + orders + " (id BIGINT PRIMARY KEY, item INT NOT NULL)");
    jdbc.execute("CREATE TABLE " + audit + " (order_id BIGINT NOT NULL, note VARCHAR(100))");
    if (!postgres) {
      jdbc.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep\"");
    }
  }

  public String orders() {
    return orders;
  }

  public String audit() {
    return audit;
  }

  /** A statement that runs for {@code millis} on the database. */
  public String sleepSql(long millis) {
    return postgres ? "SELECT pg_sleep(" + (millis / 1000.0) + ")" : "CALL SLEEP(" + millis + ")";
  }

  @Override
  public void destroy() {
    jdbc.execute("DROP TABLE IF EXISTS " + audit);
    jdbc.execute("DROP TABLE IF EXISTS " + orders);
  }
}
