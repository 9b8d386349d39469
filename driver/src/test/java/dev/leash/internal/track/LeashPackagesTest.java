package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.internal.util.LeashPackages;
import dev.leash.jdbc.LeashDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The places that must know which classes are Leash's own agree, because they read one list
 * ({@link LeashPackages}): the site filter, stack capture and the agent's ignore rule.
 */
class LeashPackagesTest {

  private final SiteFilter builtIn = new SiteFilter(List.of());

  @Test
  void theSiteFiltersLeashEntriesAreTheRuntimeList() {
    List<String> all = new ArrayList<>(SiteFilter.INFRASTRUCTURE);
    all.addAll(SiteFilter.FRAMEWORK);
    assertThat(all.stream().filter(p -> p.startsWith(LeashPackages.ROOT)).collect(Collectors.toList()))
        .containsExactlyElementsOf(LeashPackages.RUNTIME);
  }

  @Test
  void siteFilterAndStackCaptureAgreeOnEveryName() {
    List<String> leash = List.of(LeashDriver.class.getName(), LeaseRegistry.class.getName(),
        "dev.leash.report.Slf4jReporter", "dev.leash.event.LeakEvent", "dev.leash.agent.LeashAgent",
        "dev.leash.agent.bootstrap.LeashHooks", "dev.leash.internal.jdbc.LeashConnection");
    for (String c : leash) {
      assertThat(StackCapture.isLeash(c)).as(c).isTrue();
      assertThat(builtIn.kind(c)).as(c).isEqualTo(SiteFilter.Kind.INFRASTRUCTURE);
      assertThat(c).as("the agent never instruments it").startsWith(LeashPackages.ROOT);
    }
    // Leash's examples and tests are application code, as a user's would be.
    List<String> application = List.of("dev.leash.examples.CheckoutService", "dev.leash.it.LeakyDao",
        "dev.leash.benchmarks.app.OrderRepository", "com.shop.CheckoutService", "dev.leashed.Shop");
    for (String c : application) {
      assertThat(StackCapture.isLeash(c)).as(c).isFalse();
      assertThat(builtIn.kind(c)).as(c).isNotEqualTo(SiteFilter.Kind.INFRASTRUCTURE);
    }
  }

  @Test
  void everyRuntimePackageIsUnderTheRootTheAgentIgnores() {
    assertThat(LeashPackages.RUNTIME).allSatisfy(p -> assertThat(p).startsWith(LeashPackages.ROOT).endsWith("."));
  }
}
