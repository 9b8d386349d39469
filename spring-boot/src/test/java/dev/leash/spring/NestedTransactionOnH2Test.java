package dev.leash.spring;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"spring.datasource.hikari.pool-name=nested-h2",
    "spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.connection-timeout=1500"})
class NestedTransactionOnH2Test extends NestedTransactionScenario {}
