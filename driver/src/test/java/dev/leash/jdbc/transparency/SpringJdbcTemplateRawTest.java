package dev.leash.jdbc.transparency;

/** Spring's {@code JdbcTemplate} and transactions over H2's own driver: proves the expectations. */
class SpringJdbcTemplateRawTest extends AbstractSpringJdbcTemplateTest {

  SpringJdbcTemplateRawTest() {
    super("jdbc:h2:mem:spring_raw;DB_CLOSE_DELAY=-1");
  }
}
