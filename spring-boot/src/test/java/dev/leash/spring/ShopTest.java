package dev.leash.spring;

import com.example.shop.ShopApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * A real shop application on a random port, with the starter and nothing else of Leash: HikariCP, JDBC
 * templates, transactions and Actuator as Spring Boot configures them. Each scenario class names its
 * own pool (and, for PostgreSQL, the database) with {@code @TestPropertySource}, so each runs in an
 * application of its own and its reports are told apart by pool name.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoints.web.exposure.include=health,metrics,prometheus,leash",
    "management.endpoint.health.show-details=always",
    // Spring Boot's tests turn metrics export off by default; the application under test exports to Prometheus
    "management.prometheus.metrics.export.enabled=true",
    "leash.leak.threshold=1s",
    "leash.pool.wait.threshold=300ms",
    "leash.report.interval=0"})
abstract class ShopTest {

  /** The PostgreSQL scenarios' data source (PostgreSQL runs on 127.0.0.1 with trust authentication). */
  static final String POSTGRES_URL = "spring.datasource.url=" + PostgresRequired.URL;
  static final String POSTGRES_USER = "spring.datasource.username=postgres";

  @Autowired
  Environment environment;

  LeashLogs logs;

  @BeforeEach
  void captureLeashLogs() {
    logs = new LeashLogs();
  }

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  int port() {
    return environment.getRequiredProperty("local.server.port", Integer.class);
  }

  /** The pool's name, from {@code spring.datasource.hikari.pool-name}: Leash names the pool as HikariCP does. */
  String pool() {
    return environment.getRequiredProperty("spring.datasource.hikari.pool-name");
  }

  /**
   * Runs {@code work} on {@code threads} threads started together behind a latch, {@code rounds} times
   * each, and returns what they threw (a dry pool's timeouts reach the application as they would without
   * Leash).
   */
  static List<Throwable> concurrently(int threads, int rounds, Work work) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int n = t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int r = 0; r < rounds; r++) {
            work.run(n * rounds + r);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "shop-request-" + t);
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join(120_000);
    }
    return failures;
  }

  /** One request's work. */
  interface Work {
    void run(int request) throws Exception;
  }
}
