package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through Apache DBCP2 over H2's own driver: proves DBCP2's expectations without Leash. */
class Dbcp2RawScenarioTest extends AbstractPoolScenarioTest {

  Dbcp2RawScenarioTest() {
    super(TestPool.DBCP2, "jdbc:h2:mem:dbcp2_raw;DB_CLOSE_DELAY=-1", H2_DRIVER);
  }
}
