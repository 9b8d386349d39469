package dev.leash.benchmarks;

import dev.leash.benchmarks.framework.BorrowHook;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Borrow + return through HikariCP (pool of 4, one thread, no query) made {@code depth} application
 * frames deep (four application classes calling each other in a ring, then four framework-like frames,
 * as in {@link CaptureBenchmark}): what a borrow costs in a deep Spring-style stack.
 *
 * <p>Target (issue 8): overhead per borrow of {@code leashWrap} (full tracking: site and 32-frame stack)
 * over {@code raw} ≤ the overhead of {@code hikariLeakDetection} over {@code raw} at depth 10, and ≤ half
 * of it at depth 150.
 */
public class BorrowDepthBenchmark extends DepthBenchmarkBase {

  @Param({"raw", "hikariLeakDetection", "leashWrap"})
  public String mode;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    measure(new Trial("depth", mode));
  }

  /**
   * What a trial of this benchmark and of {@link AgentBorrowDepthBenchmark} opens: an in-memory H2 database (kept
   * alive by one connection), HikariCP in {@code mode} over it (pool of 4), and the borrow to run at depth.
   */
  static final class Trial {
    private final Connection[] keeper = new Connection[1];
    final Pools.Setup pool;
    final BorrowHook hook;

    Trial(String database, String mode) throws SQLException {
      String url = H2Fixture.create(database, keeper);
      pool = Pools.open(mode, "jdbc:" + url, 4, null);
      hook = new Borrow(pool.dataSource);
    }

    void close() {
      pool.close();
      H2Fixture.close(keeper[0]);
    }
  }

  /** The borrow itself, at the top of the stack (a named class: a lambda's frame is never a site). */
  static final class Borrow implements BorrowHook {
    private final DataSource ds;

    Borrow(DataSource ds) {
      this.ds = ds;
    }

    @Override
    public Object onBorrow() {
      try (Connection c = ds.getConnection()) {
        return c;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
