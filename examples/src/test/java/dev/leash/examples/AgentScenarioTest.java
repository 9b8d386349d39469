package dev.leash.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code Shop agent}: the leak scenario in a child JVM with no Leash code, under the packaged agent jar. */
class AgentScenarioTest {

  @Test
  void theAgentReportsTheLeakWithNoCodeOrUrlChange() throws Exception {
    String site = Sources.leakSite();
    Outcome out = Scenarios.run(Options.parse("agent", "--duration", "4s"));
    String output = String.join("\n", out.childOutput);

    assertThat(out.exitCode).as("child exit code; output:%n%s", output).isZero();
    assertThat(output).as("the child ran without Leash code").contains("No Leash code in this JVM");
    assertThat(output).as("Leash started by the agent").contains("started in agent mode [leash.started]: leash.leak.threshold=2s");
    assertThat(out.childOutput).as("pool.exhausted naming the leak site")
        .anyMatch(l -> l.contains("Pool exhausted [pool.exhausted]: shop-pool") && l.contains(site));
    assertThat(out.childOutput).as("a leak report naming %s", site)
        .anyMatch(l -> (l.contains("Connection leak suspected") || l.contains("Connection leak confirmed")) && l.contains(site));
    assertThat(out.childOutput).as("the leak report names the traced request that leaked; output:%n%s", output)
        .anyMatch(l -> l.contains("Connection leak") && l.contains(site)
            && l.matches(".* trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16}\\b.*"));
    assertThat(out.childOutput).as("the diagnosis of the exhaustion; output:%n%s", output)
        .anyMatch(l -> l.startsWith("Diagnosis leak:") && l.contains(site));
  }
}
