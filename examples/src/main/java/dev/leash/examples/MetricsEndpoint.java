package dev.leash.examples;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} on the loopback interface, in the Prometheus text format, over the JDK's own
 * HTTP server: what a Prometheus server scrapes from an application with Leash. The Prometheus registry
 * is added to Micrometer's {@code Metrics.globalRegistry}, where Leash registers its meters by itself.
 *
 * <p>Leash's three timers publish percentile histograms here ({@code _bucket} series), so that the
 * slow-wait alert of {@code monitoring/prometheus/leash-alerts.yml} can use {@code histogram_quantile}.
 * Spring Boot users get the same with
 * {@code management.metrics.distribution.percentiles-histogram.db.client.connection=true}.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final PrometheusMeterRegistry registry;

  private MetricsEndpoint(HttpServer server, PrometheusMeterRegistry registry) {
    this.server = server;
    this.registry = registry;
  }

  /** Serves {@code /metrics} on 127.0.0.1:{@code port} ({@code 0}: a free port) until {@link #close()}. */
  public static MetricsEndpoint start(int port) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().startsWith("db.client.connection.")) {
          return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
      }
    });
    Metrics.addRegistry(registry);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return new MetricsEndpoint(server, registry);
  }

  /** The URL to scrape. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
