package dev.leash.jdbc.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

/** Assertions that only hold when Leash is in use; the raw subclasses never call them. */
final class LeashAssertions {

  /** Named, not referenced: the scenarios must compile and run against raw drivers on their own. */
  static final String LEASH_CONNECTION = "dev.leash.internal.jdbc.LeashConnection";

  private LeashAssertions() {}

  /** {@code driverConnection} (what the driver returned, beneath any pool) is Leash's wrapper. */
  static void assertIsLeashConnection(Connection driverConnection) {
    Class<?> leashConnection;
    try {
      leashConnection = Class.forName(LEASH_CONNECTION);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(LEASH_CONNECTION + " is not on the class path", e);
    }
    assertThat(driverConnection).isInstanceOf(leashConnection);
  }
}
