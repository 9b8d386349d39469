package com.example.shop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/** An export that keeps its connection while it waits for the downstream system to take the data. */
@Service
public class ExportService {

  /** The line of {@link #export} that takes the connection. */
  public static volatile int acquireLine;

  private final DataSource dataSource;

  public ExportService(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Reads the data ({@code read} counts down once it has), then holds the connection until {@code downstreamDone} opens. */
  public void export(CountDownLatch read, CountDownLatch downstreamDone) throws SQLException, InterruptedException {
    acquireLine = Lines.here(); try (Connection c = dataSource.getConnection()) { // both on one line
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
      read.countDown();
      downstreamDone.await();
    }
  }
}
