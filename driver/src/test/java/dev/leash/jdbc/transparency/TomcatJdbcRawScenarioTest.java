package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through Tomcat JDBC over H2's own driver: proves Tomcat JDBC's expectations without Leash. */
class TomcatJdbcRawScenarioTest extends AbstractPoolScenarioTest {

  TomcatJdbcRawScenarioTest() {
    super(TestPool.TOMCAT_JDBC, "jdbc:h2:mem:tomcat_raw;DB_CLOSE_DELAY=-1", H2_DRIVER);
  }
}
