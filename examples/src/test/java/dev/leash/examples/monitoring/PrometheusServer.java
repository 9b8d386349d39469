package dev.leash.examples.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server for one test: its own temp directory (configuration and TSDB), a free port on
 * 127.0.0.1, Leash's alert rules, one scrape job {@code shop} on the given loopback target, and a scrape
 * and evaluation interval of one second. {@link #close()} kills it and deletes the directory.
 */
final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts Prometheus scraping {@code 127.0.0.1:targetPort/metrics} and waits until it answers /-/ready. */
  static PrometheusServer start(Path prometheus, Path rules, int targetPort) throws Exception {
    Path dir = Files.createTempDirectory("leash-prometheus");
    int port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.write(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "  evaluation_interval: 1s",
        "rule_files:",
        "  - '" + rules.toAbsolutePath() + "'",
        "scrape_configs:",
        "  - job_name: shop",
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + targetPort + "']",
        "").getBytes(StandardCharsets.UTF_8));
    Process p = new ProcessBuilder(prometheus.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    PrometheusServer server = new PrometheusServer(p, dir, port);
    try {
      server.awaitReady(Duration.ofSeconds(60));
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("prometheus was not ready within " + timeout + ":\n" + log());
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code GET /api/v1/alerts}: every pending or firing alert, as Prometheus shows it. */
  JsonNode alerts() throws Exception {
    return api("/api/v1/alerts").path("data").path("alerts");
  }

  /** {@code GET /api/v1/rules}: the rule groups with each rule's state, health and last evaluation. */
  JsonNode rules() throws Exception {
    return api("/api/v1/rules").path("data").path("groups");
  }

  /** An instant query; the {@code data} of the answer (resultType and result). */
  JsonNode query(String promql) throws Exception {
    JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asText())) {
      throw new AssertionError("query failed: " + promql + " -> " + answer);
    }
    return answer.path("data");
  }

  private JsonNode api(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  String log() {
    try {
      return new String(Files.readAllBytes(dir.resolve("prometheus.log")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** A port free on 127.0.0.1 right now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
