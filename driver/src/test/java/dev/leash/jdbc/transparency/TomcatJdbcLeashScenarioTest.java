package dev.leash.jdbc.transparency;

import dev.leash.testing.TestPool;

/** The scenarios through Tomcat JDBC over {@code jdbc:leash:h2:}; Tomcat instantiates {@code LeashDriver} itself. */
class TomcatJdbcLeashScenarioTest extends AbstractPoolScenarioTest {

  TomcatJdbcLeashScenarioTest() {
    super(TestPool.TOMCAT_JDBC, "jdbc:leash:h2:mem:tomcat_leash;DB_CLOSE_DELAY=-1", LEASH_DRIVER);
  }
}
