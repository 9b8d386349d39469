package dev.leash.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** The example as the README runs it: a declined checkout leaks, and /actuator/leash names the line. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Test
  void aDeclinedCheckoutLeaksAndTheEndpointNamesItsLine() throws Exception {
    assertThat(send("POST", "/checkout?cart=4&amount=1999").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/checkout?cart=5&amount=1999").statusCode()).isEqualTo(402);

    HttpResponse<String> leash = send("GET", "/actuator/leash/shop");
    assertThat(leash.statusCode()).isEqualTo(200);
    // placeOrder drops its only reference to the leaked connection: until a GC the lease is open and listed as a
    // holder; once collected it is a confirmed leak, counted as lost with its site. Either way the line is named.
    String line = "dev.leash.examples.boot.CheckoutService.placeOrder(CheckoutService.java:27)";
    assertThat(leash.body()).satisfiesAnyOf(
        body -> assertThat(body).contains("\"site\":\"" + line + "\"").contains("\"count\":1"),
        body -> assertThat(body).contains("\"lost\":1").contains("\"lastLostSite\":\"" + line + "\""));
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
