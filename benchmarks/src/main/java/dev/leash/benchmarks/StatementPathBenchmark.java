package dev.leash.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
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
 * The statement path on one open connection: {@code prepareStatement} + {@code setInt} +
 * {@code executeQuery} + read one row + close, against H2 in memory so that the wrapper's own cost is
 * not hidden behind network time.
 *
 * <ul>
 *   <li>{@code raw}: H2's own connection ({@code jdbc:h2:mem:});
 *   <li>{@code leash}: {@code jdbc:leash:h2:mem:} (a direct connection: one lease for its whole life);
 *   <li>{@code p6spy}: {@code jdbc:p6spy:h2:mem:} with the logging module loaded but its appender set
 *       to SLF4J, which is slf4j-nop here (see {@code spy.properties}): nothing is written;
 *   <li>{@code datasourceProxy}: datasource-proxy's {@code ProxyDataSourceBuilder} with no listener.
 * </ul>
 *
 * Target (issue 8): {@code leash} ≤ 1.05× {@code raw}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatementPathBenchmark {

  @Param({"raw", "leash", "p6spy", "datasourceProxy"})
  public String mode;

  private final Connection[] keeper = new Connection[1];
  private Connection connection;
  private int id;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    String url = H2Fixture.create("stmt", keeper);
    switch (mode) {
      case "raw":
        connection = DriverManager.getConnection("jdbc:" + url);
        break;
      case "leash":
        connection = DriverManager.getConnection("jdbc:leash:" + url);
        break;
      case "p6spy":
        connection = DriverManager.getConnection("jdbc:p6spy:" + url);
        break;
      case "datasourceProxy":
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:" + url);
        connection = ProxyDataSourceBuilder.create(h2).name("bench").build().getConnection();
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    Modes.expectWrapped(mode, connection);
  }

  @TearDown(Level.Trial)
  public void close() {
    H2Fixture.close(connection);
    H2Fixture.close(keeper[0]);
  }

  @Benchmark
  public String query() throws SQLException {
    id = id == H2Fixture.ROWS ? 1 : id + 1;
    return H2Fixture.queryOne(connection, id);
  }
}
