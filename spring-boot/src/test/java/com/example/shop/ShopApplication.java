package com.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The starter's test application: a shop on Spring Boot with HikariCP, JDBC templates, transactions and
 * Actuator, as its users write them. Nothing in it mentions Leash: the starter on the class path is the
 * whole setup.
 */
@SpringBootApplication
public class ShopApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
