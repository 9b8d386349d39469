package dev.leash.benchmarks;

import dev.leash.benchmarks.app.ShopController;
import dev.leash.benchmarks.framework.BorrowHook;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Borrow + return through HikariCP (pool of 4, one thread, no query) made {@code depth} application
 * frames deep (four application classes calling each other in a ring, then four framework-like frames,
 * as in {@link CaptureBenchmark}): what a borrow costs in a deep Spring-style stack.
 *
 * <p>Target (issue 8): overhead per borrow of {@code leashWrap} (full tracking: site and 32-frame stack)
 * over {@code raw} ≤ the overhead of {@code hikariLeakDetection} over {@code raw} at depth 10, and ≤ half
 * of it at depth 150.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BorrowDepthBenchmark {

  @Param({"raw", "hikariLeakDetection", "leashWrap"})
  public String mode;

  @Param({"10", "50", "150"})
  public int depth;

  private final Connection[] keeper = new Connection[1];
  private Pools.Setup pool;
  private BorrowHook hook;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    String url = H2Fixture.create("depth", keeper);
    pool = Pools.open(mode, "jdbc:" + url, 4, null);
    hook = new Borrow(pool.dataSource);
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
    H2Fixture.close(keeper[0]);
  }

  @Benchmark
  public Object borrowAtDepth() {
    return ShopController.handle(depth, hook);
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
