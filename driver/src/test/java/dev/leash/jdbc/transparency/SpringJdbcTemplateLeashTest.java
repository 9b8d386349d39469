package dev.leash.jdbc.transparency;

/** Spring's {@code JdbcTemplate} and transactions over {@code jdbc:leash:h2:}. */
class SpringJdbcTemplateLeashTest extends AbstractSpringJdbcTemplateTest {

  SpringJdbcTemplateLeashTest() {
    super("jdbc:leash:h2:mem:spring_leash;DB_CLOSE_DELAY=-1");
  }
}
