package dev.leash.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * Borrow + return on one thread, as {@link BorrowReturnBenchmark#threads1} with {@code query=false}, timed in the
 * thread's CPU time instead of wall time: on a machine whose cores are shared with other work, JMH's wall-clock
 * figures swing by several times between runs (the thread waits for a core), while CPU time counts only the work.
 * Not a replacement for JMH on a quiet machine; a way to compare modes on a busy one. One mode per JVM:
 *
 * <pre>for m in raw leashWrapDepth0 clock3; do
 *   java -cp benchmarks/target/benchmarks.jar dev.leash.benchmarks.BorrowCpuTime $m 30 200000; done</pre>
 *
 * <p>Modes: those of {@link Pools#open}, and {@code clock3}: three {@link System#nanoTime()} reads per operation,
 * the clock reads Leash's depth-0 borrow + return makes (the wait's start, the hand-out, the return). Prints the
 * minimum, first quartile and median of the batches, in nanoseconds of CPU time per operation, and the bytes the
 * borrowing thread allocates per operation.
 */
public final class BorrowCpuTime {

  private static Object sink;
  private static long clockSum;

  private BorrowCpuTime() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int ops = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    if (mode.equals("clock3")) {
      print(mode, measure(batches, () -> clocks(ops), ops));
      return;
    }
    Connection[] keeper = new Connection[1];
    String url = H2Fixture.create("borrow", keeper);
    Pools.Setup pool = Pools.open(mode, "jdbc:" + url, 4, null);
    try {
      DataSource ds = pool.dataSource;
      print(mode, measure(batches, () -> borrow(ds, ops), ops));
      // This thread's own allocation: unlike JMH's gc.alloc.rate.norm, not blurred by other threads on a slow run.
      com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long self = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(self);
      borrow(ds, ops);
      System.out.printf("%s allocated B/op: %.1f%n", mode, (mx.getThreadAllocatedBytes(self) - before) / (double) ops);
    } finally {
      pool.close();
      H2Fixture.close(keeper[0]);
    }
  }

  private interface Batch {
    void run() throws SQLException;
  }

  /** Sorted CPU nanoseconds per operation, one per batch, after five batches of warm-up. */
  private static double[] measure(int batches, Batch batch, int ops) throws SQLException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 5; i++) {
      batch.run();
    }
    double[] perOp = new double[batches];
    for (int b = 0; b < batches; b++) {
      long start = mx.getCurrentThreadCpuTime();
      batch.run();
      perOp[b] = (mx.getCurrentThreadCpuTime() - start) / (double) ops;
    }
    Arrays.sort(perOp);
    return perOp;
  }

  private static void print(String mode, double[] perOp) {
    System.out.printf("%s cpu ns/op: min=%.1f p25=%.1f median=%.1f%n", mode, perOp[0], perOp[perOp.length / 4],
        perOp[perOp.length / 2]);
  }

  private static void borrow(DataSource ds, int ops) throws SQLException {
    for (int i = 0; i < ops; i++) {
      try (Connection c = ds.getConnection()) {
        sink = c;
      }
    }
  }

  private static void clocks(int ops) {
    long a = 0;
    for (int i = 0; i < ops; i++) {
      a += System.nanoTime();
      a ^= System.nanoTime();
      a += System.nanoTime();
    }
    clockSum += a;
  }
}
