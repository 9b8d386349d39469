package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through HikariCP over H2's own driver: proves HikariCP's expectations without Leash. */
class HikariRawScenarioTest extends AbstractPoolScenarioTest {

  HikariRawScenarioTest() {
    super(TestPool.HIKARI, "jdbc:h2:mem:hikari_raw;DB_CLOSE_DELAY=-1", H2_DRIVER);
  }
}
