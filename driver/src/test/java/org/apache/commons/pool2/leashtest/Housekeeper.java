package org.apache.commons.pool2.leashtest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** A pool's own thread taking connections (validation, warm-up): a stack with nothing a report could name as a site. */
public final class Housekeeper implements Runnable {
  private final DataSource ds;
  private final List<Connection> kept;

  public Housekeeper(DataSource ds, List<Connection> kept) {
    this.ds = ds;
    this.kept = kept;
  }

  @Override
  public void run() {
    validate();
    warmUp();
  }

  private void validate() {
    take();
  }

  private void warmUp() {
    take();
  }

  private void take() {
    try {
      kept.add(ds.getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
