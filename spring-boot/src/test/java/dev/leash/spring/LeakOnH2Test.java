package dev.leash.spring;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.hikari.pool-name=leak-h2")
class LeakOnH2Test extends LeakScenario {}
