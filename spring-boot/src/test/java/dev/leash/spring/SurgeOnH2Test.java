package dev.leash.spring;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"spring.datasource.hikari.pool-name=surge-h2",
    "spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.connection-timeout=30000"})
class SurgeOnH2Test extends SurgeScenario {}
