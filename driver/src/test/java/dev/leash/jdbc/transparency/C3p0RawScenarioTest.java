package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through c3p0 over H2's own driver: proves c3p0's expectations without Leash. */
class C3p0RawScenarioTest extends AbstractPoolScenarioTest {

  C3p0RawScenarioTest() {
    super(TestPool.C3P0, "jdbc:h2:mem:c3p0_raw;DB_CLOSE_DELAY=-1", H2_DRIVER);
  }
}
