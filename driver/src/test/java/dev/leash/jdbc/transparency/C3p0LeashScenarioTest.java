package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through c3p0 over {@code jdbc:leash:h2:}, with c3p0 told the driver class. */
class C3p0LeashScenarioTest extends AbstractPoolScenarioTest {

  C3p0LeashScenarioTest() {
    super(TestPool.C3P0, "jdbc:leash:h2:mem:c3p0_leash;DB_CLOSE_DELAY=-1", LEASH_DRIVER);
  }
}
