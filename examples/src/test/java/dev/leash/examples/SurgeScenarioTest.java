package dev.leash.examples;

import static dev.leash.examples.LeashLog.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Shop surge} (incidents 000–002, 004), shortened: pool_too_small, then a rerun with Leash's suggested size. */
class SurgeScenarioTest {

  @Test
  void aBurstOnAPoolOfFiveIsPoolTooSmallAndTheSuggestedSizeEndsTheTimeouts() throws Exception {
    try (LeashLog log = LeashLog.capture()) {
      Outcome out = Scenarios.run(Options.parse("surge", "--duration", "2s"));

      Traffic first = out.runs.get(0);
      assertThat(first.timedOut()).as("pool timeouts with a pool of 5 under 40 shoppers").isPositive();
      List<ILoggingEvent> exhausted = log.await(Duration.ofSeconds(3), out.schemas.get(0), e -> true, "pool.exhausted");
      assertThat(exhausted).as("pool.exhausted for the first run").isNotEmpty();
      ILoggingEvent report = exhausted.get(0);
      assertThat(kv(report, "diagnosis")).as("diagnosis of a burst with no leak and short busy holders; report:%n%s",
          report.getFormattedMessage()).isEqualTo("pool_too_small");
      assertThat(report.getFormattedMessage())
          .contains("peak demand " + out.peakDemand)
          .contains("Suggested maximum: " + out.suggestedMaximum + ".");
      assertThat(out.peakDemand).as("peak demand Leash measured").isGreaterThan(5).isLessThanOrEqualTo(40);
      assertThat(out.suggestedMaximum).as("suggested maximum").isGreaterThan(5);

      assertThat(out.runs).as("a rerun with the suggested size").hasSize(2);
      assertThat(out.poolSizes.get(1)).isEqualTo(out.suggestedMaximum);
      Traffic second = out.runs.get(1);
      assertThat(second.timedOut()).as("timeouts with the suggested pool of %d (first run: %d)", out.suggestedMaximum, first.timedOut())
          .isLessThan(first.timedOut())
          .isZero();
      assertThat(second.placed()).as("orders placed with the bigger pool").isGreaterThan(first.placed());
    }
  }
}
