package dev.leash.spring;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

@ExtendWith(PostgresRequired.class)
@TestPropertySource(properties = {ShopTest.POSTGRES_URL, ShopTest.POSTGRES_USER, "spring.datasource.hikari.pool-name=endpoint-pg",
    "spring.datasource.hikari.maximum-pool-size=6"})
class EndpointOnPostgresTest extends EndpointScenario {}
