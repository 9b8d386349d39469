package leakapp;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The pool-exhaustion scenarios of issue 5, as a plain application run under the agent:
 * {@code Exhaustion <hikari|dbcp2|c3p0> <leak|undersized|slow|down|storm|nested> [virtual] [busy]}. No Leash API
 * is used; whatever the agent reports, it found on its own. Prints what the program saw on stdout ({@code program: ...}).
 * {@code virtual}: the application's threads are unnamed virtual threads (JDK 21+). {@code busy}: spinning threads
 * keep every core busy (one more than cores) while the scenario runs.
 */
public final class Exhaustion {

  private static final List<Connection> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static boolean virtual;
  private static volatile boolean spinning;

  private Exhaustion() {}

  public static void main(String[] args) throws Exception {
    String pool = args[0];
    List<String> options = java.util.Arrays.asList(args).subList(2, args.length);
    virtual = options.contains("virtual");
    if (options.contains("busy")) {
      keepEveryCoreBusy();
    }
    switch (args[1]) {
      case "leak":
        leak(pool);
        break;
      case "undersized":
        undersized(pool);
        break;
      case "slow":
        slowQueries(pool);
        break;
      case "down":
        databaseDown(pool);
        break;
      case "storm":
        storm(pool);
        break;
      case "nested":
        nested(pool);
        break;
      default:
        throw new IllegalArgumentException("unknown scenario " + args[1] + "; allowed: leak, undersized, slow, down, storm");
    }
    spinning = false;
    Thread.sleep(300); // let the watchdog's and reporter's last lines out
    System.out.flush();
    System.exit(0);
  }

  /** Five connections taken at one line and kept: the next three getConnection() calls time out. */
  private static void leak(String pool) throws Exception {
    DataSource ds = pool(pool, h2(pool, "leak"), 5, 500);
    onApplicationThread(() -> {
      for (int i = 0; i < 5; i++) {
        takeAndKeep(ds);
      }
    });
    Thread.sleep(700); // past the 300 ms leak threshold: the holders are idle leases
    // In the log's time format, so that the test can tell how soon after this the report came.
    String began = java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS"));
    AtomicInteger failedOnThread = new AtomicInteger();
    onApplicationThread(() -> failedOnThread.set(failures(ds, 3)));
    int failed = failedOnThread.get();
    System.out.println("program: first failing getConnection() began at " + began);
    System.out.println("program: " + failed + " of 3 getConnection() calls failed");
  }

  private static void takeAndKeep(DataSource ds) throws SQLException {
    Connection c = ds.getConnection(); c.setAutoCommit(true); // LEAK
    HELD.add(c);
  }

  /**
   * Eight threads on a pool of four, each taking a second connection in the same method while it holds the
   * first: every connection ends up held by a thread waiting for another, until the pool's timeout.
   */
  private static void nested(String pool) throws Exception {
    DataSource ds = pool(pool, h2(pool, "nested"), 4, 1500);
    List<Connection> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      warm.add(ds.getConnection()); // the pool opens its connections before the scenario
    }
    for (Connection c : warm) {
      c.close();
    }
    CountDownLatch allHoldOne = new CountDownLatch(4);
    AtomicInteger timeouts = new AtomicInteger();
    runConcurrently(8, () -> {
      try {
        transfer(ds, allHoldOne);
      } catch (SQLException | InterruptedException e) {
        timeouts.incrementAndGet();
      }
    });
    System.out.println("program: " + timeouts + " of 8 transfers timed out");
  }

  private static void transfer(DataSource ds, CountDownLatch allHoldOne) throws SQLException, InterruptedException {
    try (Connection from = ds.getConnection()) { // NESTED_OUTER
      from.setAutoCommit(false);
      allHoldOne.countDown();
      allHoldOne.await(10, TimeUnit.SECONDS);
      try (Connection to = ds.getConnection()) { // NESTED_INNER
        to.setAutoCommit(false);
      }
      from.rollback();
    }
  }

  /** One more spinning thread than cores, until the scenario ends: a machine as busy as during an outage. */
  private static void keepEveryCoreBusy() {
    spinning = true;
    for (int i = 0; i <= Runtime.getRuntime().availableProcessors(); i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        while (spinning) {
          x = x * 6364136223846793005L + 1442695040888963407L;
        }
        if (x == 42) {
          System.out.print("");
        }
      }, "spinner-" + i);
      t.setDaemon(true);
      t.start();
    }
  }

  /** Thirty threads, each borrowing four times for a 60 ms statement, from a pool of three. */
  private static void undersized(String pool) throws Exception {
    DataSource ds = pool(pool, h2(pool, "undersized"), 3, 500);
    // A few statements before the surge: an undersized pool is a warm one. On a cold JVM with every core busy, the
    // surge's first createStatement() calls loaded classes for over 500 ms, idle leases past the 300 ms threshold.
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("CALL SLEEP(60)");
      }
    }
    AtomicInteger timeouts = new AtomicInteger();
    runConcurrently(30, () -> {
      for (int i = 0; i < 4; i++) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          s.execute("CALL SLEEP(60)");
        } catch (SQLException e) {
          timeouts.incrementAndGet();
        }
      }
    });
    System.out.println("program: " + timeouts + " timeouts");
  }

  /**
   * Every connection busy in a 3 s statement; one more getConnection() times out. The holders start one after
   * another, each once the previous one has its connection: the pool opens connections one at a time, and on
   * a cold JVM five at once can outlast the 500 ms timeout.
   */
  private static void slowQueries(String pool) throws Exception {
    DataSource ds = pool(pool, h2(pool, "slow"), 5, 500);
    List<Thread> holders = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CountDownLatch holding = new CountDownLatch(1);
      Thread t = new Thread(() -> {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          holding.countDown();
          s.execute("CALL SLEEP(3000)");
        } catch (SQLException e) {
          e.printStackTrace();
        }
      }, "report-" + i);
      t.start();
      holders.add(t);
      holding.await(10, TimeUnit.SECONDS);
    }
    Thread.sleep(300);
    System.out.println("program: " + failures(ds, 1) + " of 1 getConnection() calls failed");
    for (Thread t : holders) {
      t.join();
    }
  }

  /** The database's port refuses connections (port 1 on loopback). */
  private static void databaseDown(String pool) throws Exception {
    DataSource ds = pool(pool, "jdbc:h2:tcp://127.0.0.1:1/mem:down", 2, 500);
    System.out.println("program: " + failures(ds, 1) + " of 1 getConnection() calls failed");
  }

  /** One connection, kept; 100 threads ask until 1,000 getConnection() calls have timed out (250 ms each). */
  private static void storm(String pool) throws Exception {
    DataSource ds = pool(pool, h2(pool, "storm"), 1, 250);
    takeAndKeep(ds);
    AtomicInteger timeouts = new AtomicInteger();
    long start = System.nanoTime();
    runConcurrently(100, () -> {
      while (timeouts.get() < 1_000) {
        try (Connection c = ds.getConnection()) {
          System.out.println("program: unexpectedly got a connection");
        } catch (SQLException e) {
          timeouts.incrementAndGet();
        }
      }
    });
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("program: storm of " + timeouts + " timeouts in " + millis + " ms");
  }

  private static int failures(DataSource ds, int attempts) {
    int failed = 0;
    for (int i = 0; i < attempts; i++) {
      try (Connection c = ds.getConnection()) {
        System.out.println("program: unexpectedly got a connection");
      } catch (SQLException expected) {
        failed++;
      }
    }
    return failed;
  }

  /** An H2 in-memory database with a SLEEP(ms) function, created before the pool (creating it can outlast a 500 ms timeout). */
  private static String h2(String pool, String name) throws SQLException {
    // The pool's own connections create the database and the function (INIT), so that no connection of the
    // program's holds it up: on a cold JVM with every core busy, that setup alone outlasted the leak threshold.
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;INIT=CREATE ALIAS IF NOT EXISTS SLEEP FOR 'java.lang.Thread.sleep(long)'";
    if (!pool.equals("hikari")) {
      // DBCP2 and c3p0 open their first connection within the scenario's timeout: create the database first.
      DriverManager.getConnection(url).close();
    }
    return url;
  }

  private static DataSource pool(String pool, String url, int max, long timeoutMs) {
    switch (pool) {
      case "hikari": {
        HikariConfig c = new HikariConfig();
        c.setPoolName(pool + "-pool");
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(max);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(timeoutMs);
        c.setInitializationFailTimeout(-1); // start even when the database is down
        if (!url.startsWith("jdbc:h2:mem:")) {
          return new HikariDataSource(c);
        }
        // HikariCP's default: a pool that keeps its maximum open. The scenario starts once it is full, so that
        // a cold pool opening connections on a busy machine (slower than the 500 ms timeout) is not the story.
        c.setMinimumIdle(max);
        HikariDataSource ds = new HikariDataSource(c);
        awaitFull(() -> ds.getHikariPoolMXBean().getTotalConnections(), max);
        return ds;
      }
      case "dbcp2": {
        BasicDataSource ds = new BasicDataSource();
        ds.setUrl(url);
        ds.setMaxTotal(max);
        ds.setMaxWait(java.time.Duration.ofMillis(timeoutMs));
        ds.setInitialSize(max); // opened at the first getConnection(), on the calling thread, before it waits
        return ds;
      }
      case "c3p0": {
        ComboPooledDataSource ds = new ComboPooledDataSource();
        ds.setDataSourceName(pool + "-pool");
        ds.setJdbcUrl(url);
        ds.setMinPoolSize(0);
        ds.setInitialPoolSize(0);
        ds.setMaxPoolSize(max);
        ds.setCheckoutTimeout((int) timeoutMs);
        ds.setAcquireRetryAttempts(1);
        if (url.startsWith("jdbc:h2:mem:")) {
          // Full before the scenario, as for HikariCP: c3p0 opens connections on its helper threads, which on a
          // busy machine can take longer than the checkout timeout.
          ds.setMinPoolSize(max);
          ds.setInitialPoolSize(max);
          awaitFull(() -> ds.getNumConnectionsDefaultUser(), max);
        }
        return ds;
      }
      default:
        throw new IllegalArgumentException("unknown pool " + pool + "; allowed: hikari, dbcp2, c3p0");
    }
  }

  interface Count {
    int get() throws SQLException;
  }

  /** Waits (at most a minute) until a pool has {@code max} connections open. */
  private static void awaitFull(Count open, int max) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      while (open.get() < max && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (SQLException e) {
      e.printStackTrace();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} on this thread, or with {@code virtual} on a new unnamed virtual thread, and waits for it. */
  private static void onApplicationThread(Body body) throws Exception {
    if (!virtual) {
      body.run();
      return;
    }
    runConcurrently(1, () -> {
      try {
        body.run();
      } catch (Exception e) {
        e.printStackTrace();
      }
    });
  }

  /** Runs {@code body} on {@code threads} threads at once: platform threads, or unnamed virtual threads with {@code virtual}. */
  private static void runConcurrently(int threads, Runnable body) throws Exception {
    if (virtual) {
      // Executors.newVirtualThreadPerTaskExecutor(), reflectively: this program compiles for Java 11.
      java.util.concurrent.ExecutorService vts = (java.util.concurrent.ExecutorService)
          java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < threads; i++) {
        vts.submit(() -> {
          go.await();
          body.run();
          return null;
        });
      }
      go.countDown();
      vts.shutdown();
      vts.awaitTermination(2, TimeUnit.MINUTES);
      return;
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        body.run();
      }, "shopper-" + i);
      t.start();
      all.add(t);
    }
    go.countDown();
    for (Thread t : all) {
      t.join(TimeUnit.MINUTES.toMillis(2));
    }
  }
}
