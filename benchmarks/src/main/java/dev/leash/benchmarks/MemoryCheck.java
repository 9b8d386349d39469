package dev.leash.benchmarks;

import dev.leash.config.LeashConfig;
import dev.leash.jdbc.LeashDataSource;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Memory per open lease, and heap after a million leases have come and gone (issue 8: ≤ 256 bytes
 * per open lease beyond the shared stacks; no growth after 1M leases). Not JMH: heap is measured as
 * "used after several {@code System.gc()}" through the MemoryMXBean, so run it alone, ideally with the
 * serial collector for stable figures:
 *
 * <pre>java -XX:+UseSerialGC -Xmx1g -cp benchmarks/target/benchmarks.jar dev.leash.benchmarks.MemoryCheck [open] [cycles]</pre>
 *
 * The wrapped data source hands out cheap fake connections that exist before any measurement starts;
 * the baseline holds the same connections taken from the raw data source, so what remains is Leash's
 * own cost: the wrapper, the lease, its registry entry. All leases come from one call site, so they
 * share one interned stack (as 10,000 borrows from one line of code do). Exits 1 if a target is missed.
 */
public final class MemoryCheck {

  private static final long BYTES_PER_LEASE_TARGET = 256;
  /** Growth allowed after the churn: under one byte per lease, and within 2 % of the baseline heap. */
  private static final double GROWTH_TOLERANCE = 0.02;
  /** Past the watchdog's resolve age (1 s) plus two of its ticks (1 s at most) and its pass over 100,000 leases. */
  private static final long SETTLE_MILLIS = 6_000;

  private MemoryCheck() {}

  public static void main(String[] args) throws Exception {
    int open = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    System.out.println("MemoryCheck: JDK " + System.getProperty("java.version") + ", GC "
        + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining("/")) + ", " + open + " open leases, " + cycles + " churned");

    FakeDataSource raw = new FakeDataSource(open);
    DataSource full = LeashDataSource.wrap(raw, LeashConfig.defaults());
    DataSource noStack = LeashDataSource.wrap(raw, LeashConfig.builder().stackDepth(0).build());
    // Warm up: classes loaded, owners made, the site's stack interned, the watchdog started.
    churn(full, 20_000);
    churn(noStack, 20_000);

    Connection[] held = new Connection[open];
    long rawHeld = hold(raw, held, 0);
    // Young leases keep the VM's raw record of their stack; the watchdog resolves leases held past 1 s
    // into shared frames, so an open lease's settled cost is measured after that.
    long fullHeld = hold(full, held, SETTLE_MILLIS);
    // A lease younger than 1 s keeps the VM's raw record of its stack instead (the watchdog resolves it later):
    // measured as that many Throwables recorded at the same depth as an acquisition.
    double perRawRecord = rawRecordBytes(open);
    long noStackHeld = hold(noStack, held, 0);
    double perFull = (double) (fullHeld - rawHeld) / open;
    double perNoStack = (double) (noStackHeld - rawHeld) / open;

    long before = usedAfterGc();
    churn(full, cycles);
    long after = usedAfterGc();
    long growth = after - before;
    // Under one byte per churned lease (a leak of anything per lease would show as more) and within 2 % of the heap.
    boolean noGrowth = growth < cycles && growth <= before * GROWTH_TOLERANCE;

    System.out.println();
    System.out.println("| measure | heap used after GC | per lease | target | result |");
    System.out.println("|---|---:|---:|---|---|");
    System.out.printf("| %,d raw connections held (baseline) | %,d B | - | - | - |%n", open, rawHeld);
    System.out.printf("| a lease younger than 1 s keeps in addition its raw stack record (%,d recorded) | - | %.1f B | - | - |%n",
        open, perRawRecord);
    System.out.printf("| %,d leases open, stack depth 32, held past 1 s (resolved: one shared stack) | %,d B | %.1f B | <= %d B | %s |%n",
        open, fullHeld, perFull, BYTES_PER_LEASE_TARGET, perFull <= BYTES_PER_LEASE_TARGET ? "PASS" : "FAIL");
    System.out.printf("| %,d leases open, stack depth 0 | %,d B | %.1f B | <= %d B | %s |%n",
        open, noStackHeld, perNoStack, BYTES_PER_LEASE_TARGET, perNoStack <= BYTES_PER_LEASE_TARGET ? "PASS" : "FAIL");
    System.out.printf("| before %,d open+close | %,d B | - | - | - |%n", cycles, before);
    System.out.printf("| after %,d open+close | %,d B (%+,d B, %+.2f %%) | %.3f B | no growth | %s |%n",
        cycles, after, growth, 100.0 * growth / before, (double) growth / cycles, noGrowth ? "PASS" : "FAIL");
    boolean pass = perFull <= BYTES_PER_LEASE_TARGET && perNoStack <= BYTES_PER_LEASE_TARGET && noGrowth;
    System.exit(pass ? 0 : 1);
  }

  /** Opens {@code held.length} connections from {@code ds}, measures, closes them; returns the heap measured. */
  private static long hold(DataSource ds, Connection[] held, long settleMillis) throws SQLException, InterruptedException {
    for (int i = 0; i < held.length; i++) {
      held[i] = ds.getConnection();
    }
    Thread.sleep(settleMillis);
    long used = usedAfterGc();
    for (int i = 0; i < held.length; i++) {
      held[i].close();
      held[i] = null;
    }
    return used;
  }

  /** Bytes retained per {@code Throwable} recorded a few frames below here, as an acquisition's raw stack is. */
  private static double rawRecordBytes(int n) throws InterruptedException {
    Throwable[] kept = new Throwable[n];
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      kept[i] = Recorder.record();
    }
    long after = usedAfterGc();
    double per = (double) (after - before) / n;
    kept[0] = null; // keep the array reachable until here
    return per;
  }

  /** Stands in for the wrapper, the acquirer and the capture between the application and the recorded stack. */
  private static final class Recorder {
    static Throwable record() {
      return viaAcquirer();
    }

    private static Throwable viaAcquirer() {
      return viaCapture();
    }

    private static Throwable viaCapture() {
      return new Throwable();
    }
  }

  private static void churn(DataSource ds, int n) throws SQLException {
    for (int i = 0; i < n; i++) {
      ds.getConnection().close();
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * A data source over a fixed set of do-nothing connections, all made up front (a
   * {@code java.lang.reflect.Proxy} is fine here: this is the measuring harness, not Leash's hot path).
   */
  static final class FakeDataSource implements DataSource {
    private final Connection[] connections;
    private int next;

    FakeDataSource(int n) {
      Class<?>[] ifaces = {Connection.class};
      connections = new Connection[n];
      for (int i = 0; i < n; i++) {
        connections[i] = (Connection) Proxy.newProxyInstance(MemoryCheck.class.getClassLoader(), ifaces,
            (proxy, method, a) -> {
              switch (method.getName()) {
                case "isClosed":
                case "isWrapperFor":
                case "isReadOnly":
                  return false;
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == a[0];
                case "toString":
                  return "FakeConnection";
                default:
                  return null;
              }
            });
      }
    }

    @Override
    public Connection getConnection() {
      Connection c = connections[next];
      next = (next + 1) % connections.length;
      return c;
    }

    @Override
    public Connection getConnection(String username, String password) {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    @Override
    public String toString() {
      return "FakeDataSource[" + connections.length + "]";
    }
  }
}
