package dev.leash.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP to the application under test: the JDK's client, the same on every Spring Boot line. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  record Response(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** Polls {@code /actuator/prometheus} (up to 30 s) until some line matches, and returns the matching lines. */
  static java.util.List<String> awaitPrometheus(int port, java.util.function.Predicate<String> line)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    java.util.List<String> found;
    do {
      found = get(port, "/actuator/prometheus").body().lines().filter(line).toList();
      if (!found.isEmpty()) {
        return found;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return found;
  }

  static Response get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }
}
