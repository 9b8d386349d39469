package dev.leash.spring;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"spring.datasource.hikari.pool-name=endpoint-h2", "spring.datasource.hikari.maximum-pool-size=6"})
class EndpointOnH2Test extends EndpointScenario {}
