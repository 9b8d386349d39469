package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor;
import org.springframework.samples.petclinic.PetClinicApplication;
import org.springframework.samples.petclinic.owner.OwnerController;

/**
 * Issue 15 on a real Spring Boot web application shaped like Spring's petclinic (its classes under
 * {@code org.springframework.samples.petclinic}): requests served by embedded Tomcat, Spring MVC's controller calling
 * a Spring Data JPA repository, open session in view on. The site of every connection is the controller's line,
 * never a Tomcat filter frame (what the agent reported on petclinic) and never "no application frame".
 */
class SpringWebSiteTest {

  private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";
  private static final SiteSelectionTest.SiteRecorder recorder = new SiteSelectionTest.SiteRecorder();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void start() {
    String db = "petclinic_sites_" + System.nanoTime();
    // Spring Boot would take over Logback for the whole test JVM; the other tests' log capture needs it as it is.
    System.setProperty(LOGGING_SYSTEM, "none");
    recorder.watch(db);
    app = new SpringApplicationBuilder(PetClinicApplication.class).properties(
        "server.port=0",
        "spring.datasource.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1",
        "spring.jpa.hibernate.ddl-auto=create-drop",
        "spring.main.banner-mode=off",
        "spring.jmx.enabled=false").run();
    base = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    recorder.close();
    if (app != null) {
      app.close();
    }
    System.clearProperty(LOGGING_SYSTEM);
  }

  @BeforeEach
  void forgetStartup() {
    recorder.clear();
  }

  @Test
  void openSessionInViewIsOnAsInSpringBootsDefault() {
    assertThat(app.getBeansOfType(OpenEntityManagerInViewInterceptor.class)).isNotEmpty();
  }

  @Test
  void repositoryCallFromAControllerIsSitedAtTheControllersLine() throws Exception {
    assertThat(send("POST", "/owners?lastName=Davis")).isEqualTo("Davis");
    assertThat(send("GET", "/owners?lastName=Da")).isEqualTo("Davis");

    List<SiteSelectionTest.Taken> taken = recorder.taken();
    String controller = OwnerController.class.getName();
    assertThat(taken).extracting(t -> t.site).as("one lease per request, each at its handler's repository call").containsExactly(
        controller + ".add(OwnerController.java:" + OwnerController.ADD_LINE + ")",
        controller + ".find(OwnerController.java:" + OwnerController.FIND_LINE + ")");
    assertThat(taken).allSatisfy(t -> {
      List<String> below = t.stack.subList(t.siteIndex + 1, t.stack.size()).stream()
          .map(StackTraceElement::getClassName).collect(java.util.stream.Collectors.toList());
      // The request really went through the container and Spring MVC: their frames are below the site, not the site.
      assertThat(below).as("frames below the site").contains("org.springframework.web.servlet.DispatcherServlet");
    });
  }

  private static String send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
