package com.example.shop;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/** Back-office reports, written by hand against the DataSource: one path forgets to close. */
@Service
public class ReportService {

  /** The line of {@link #openOrderCursor()} that takes the connection (for the test's assertion). */
  public static volatile int leakLine;

  private final DataSource dataSource;
  private final ShopSchema schema;

  public ReportService(DataSource dataSource, ShopSchema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /**
   * The orders, as a cursor for the export page to read row by row. The caller is meant to close the
   * cursor's connection when done; the caller that forgets is the leak Leash is for.
   */
  public ResultSet openOrderCursor() throws SQLException {
    leakLine = Lines.here(); Connection c = dataSource.getConnection(); // both on one line: the leak's line
    Statement s = c.createStatement();
    return s.executeQuery("SELECT id FROM " + schema.orders());
  }
}
