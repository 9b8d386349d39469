package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through Apache DBCP2 over {@code jdbc:leash:h2:}. */
class Dbcp2LeashScenarioTest extends AbstractPoolScenarioTest {

  Dbcp2LeashScenarioTest() {
    super(TestPool.DBCP2, "jdbc:leash:h2:mem:dbcp2_leash;DB_CLOSE_DELAY=-1", LEASH_DRIVER);
  }
}
