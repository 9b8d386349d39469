package dev.leash.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * A realistic loop: 8 threads share a HikariCP pool of 10; each operation borrows a connection, runs
 * three statements (a lookup, an update, a range sum) and returns it. Raw HikariCP vs each Leash mode
 * that exists on this branch ({@code leashWrap}, {@code leashUrl}; the agent: see {@link AgentRun}).
 *
 * <p>{@code db=postgresql} uses 127.0.0.1:5432, database {@code test}, user {@code postgres}. When
 * nothing listens there, {@link Suite} (the jar's main) runs this benchmark with {@code -p db=h2} only.
 *
 * <p>Targets (issue 8): every Leash mode ≤ 1.10× raw on H2, ≤ 1.02× on PostgreSQL.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RealisticLoopBenchmark {

  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  @State(Scope.Benchmark)
  public static class Pool {
    @Param({"raw", "leashWrap", "leashUrl"})
    public String mode;

    @Param({"h2", "postgresql"})
    public String db;

    private final Connection[] keeper = new Connection[1];
    Pools.Setup pool;

    @Setup(Level.Trial)
    public void open() throws SQLException {
      if (db.equals("h2")) {
        String url = H2Fixture.create("loop", keeper);
        pool = Pools.open(mode, "jdbc:" + url, 10, null);
      } else {
        keeper[0] = DriverManager.getConnection(PG_URL, "postgres", "");
        H2Fixture.createTable(keeper[0], "CREATE TABLE item (id INT PRIMARY KEY, v VARCHAR(40), n INT)");
        pool = Pools.open(mode, PG_URL, 10, "postgres");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.close();
      H2Fixture.close(keeper[0]);
    }
  }

  @Benchmark
  @Threads(8)
  public long transaction(Pool p) throws SQLException {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int id = 1 + r.nextInt(H2Fixture.ROWS);
    long sum;
    try (Connection c = p.pool.dataSource.getConnection()) {
      H2Fixture.queryOne(c, id);
      try (PreparedStatement ps = c.prepareStatement(H2Fixture.UPDATE)) {
        ps.setInt(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(H2Fixture.SUM)) {
        int from = 1 + r.nextInt(H2Fixture.ROWS - 10);
        ps.setInt(1, from);
        ps.setInt(2, from + 9);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          sum = rs.getLong(1);
        }
      }
    }
    return sum;
  }
}
