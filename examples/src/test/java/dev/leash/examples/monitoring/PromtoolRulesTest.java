package dev.leash.examples.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code monitoring/prometheus/leash-alerts.yml} checked and unit-tested by Prometheus' own
 * {@code promtool}: each alert fires on series that should fire it and stays silent on series that
 * should not ({@code leash-alerts.test.yml}).
 */
class PromtoolRulesTest {

  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)$");
  private static final Pattern TESTED = Pattern.compile("(?m)^\\s*alertname: (\\S+)$");

  @Test
  void theRulesAreValid() throws Exception {
    Path promtool = RequiredTool.PROMTOOL.require();
    Monitoring.Result r = Monitoring.run(Monitoring.rules().getParent(), 120, promtool.toString(), "check", "rules",
        Monitoring.rules().getFileName().toString());
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void everyAlertPassesItsUnitTests() throws Exception {
    Path promtool = RequiredTool.PROMTOOL.require();
    Monitoring.Result r = Monitoring.run(Monitoring.ruleTests().getParent(), 120, promtool.toString(), "test", "rules",
        Monitoring.ruleTests().getFileName().toString());
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS");
  }

  @Test
  void everyAlertIsUnitTestedAndCarriesSeveritySummaryDescriptionAndRunbook() throws Exception {
    Set<String> alerts = alerts();
    assertThat(alerts).contains("LeashConnectionLeakConfirmed", "LeashConnectionLeakSuspected", "LeashPoolExhausted",
        "LeashConnectionTimeouts", "LeashSlowConnectionWaits", "LeashConnectionUseTimeGrowing");
    String tests = new String(Files.readAllBytes(Monitoring.ruleTests()), StandardCharsets.UTF_8);
    Set<String> tested = new LinkedHashSet<>();
    Matcher m = TESTED.matcher(tests);
    while (m.find()) {
      tested.add(m.group(1));
    }
    assertThat(tested).as("alerts with a promtool test").containsExactlyInAnyOrderElementsOf(alerts);

    String rules = new String(Files.readAllBytes(Monitoring.rules()), StandardCharsets.UTF_8);
    String[] blocks = rules.split("(?m)^\\s*- alert: ");
    assertThat(blocks).hasSize(alerts.size() + 1);
    for (int i = 1; i < blocks.length; i++) {
      String block = blocks[i];
      String name = block.substring(0, block.indexOf('\n')).trim();
      assertThat(block).as(name).containsPattern("severity: (critical|warning)")
          .contains("summary: ").contains("runbook_url: \"README.md#reading-leashs-reports\"");
      String description = block.substring(block.indexOf("description:"), block.indexOf("runbook_url:"));
      assertThat(description).as(name + ": the description names the pool and the instance")
          .contains("{{ $labels.db_client_connection_pool_name }}").contains("{{ $labels.instance }}");
    }
  }

  @Test
  void theRunbookIsAReadmeSectionAndTheReadmeListsEveryAlert() throws Exception {
    String readme = new String(Files.readAllBytes(Monitoring.dir().resolveSibling("README.md")), StandardCharsets.UTF_8);
    // GitHub's anchor of "### Reading Leash's reports" is reading-leashs-reports.
    assertThat(readme).contains("\n### Reading Leash's reports\n");
    String monitoring = readme.substring(readme.indexOf("\n## Monitoring\n"));
    monitoring = monitoring.substring(0, monitoring.indexOf("\n## ", 5));
    for (String alert : alerts()) {
      assertThat(monitoring).as("the README's alerts table").contains("| `" + alert + "` |");
    }
  }

  private static Set<String> alerts() throws Exception {
    String rules = new String(Files.readAllBytes(Monitoring.rules()), StandardCharsets.UTF_8);
    Set<String> names = new LinkedHashSet<>();
    Matcher m = ALERT.matcher(rules);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
