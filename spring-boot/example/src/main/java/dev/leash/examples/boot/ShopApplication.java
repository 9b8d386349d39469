package dev.leash.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The examples' shop as a Spring Boot application: catalogue and checkout over HTTP, HikariCP on embedded
 * H2. Its checkout has the bug of incident 003 (a declined payment returns without closing the
 * connection). Leash comes from one dependency, {@code leash-spring-boot-starter}; nothing in this code
 * mentions it. See the README's "Spring Boot" section for a run.
 */
@SpringBootApplication
public class ShopApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
