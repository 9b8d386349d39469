package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through HikariCP over {@code jdbc:leash:h2:}. */
class HikariLeashScenarioTest extends AbstractPoolScenarioTest {

  HikariLeashScenarioTest() {
    super(TestPool.HIKARI, "jdbc:leash:h2:mem:hikari_leash;DB_CLOSE_DELAY=-1", LEASH_DRIVER);
  }
}
