package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.event.PoolEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without SLF4J (an agent in such an application), pool events reach stderr with the same message and key-values. */
class StderrReporterTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final StderrReporter reporter = new StderrReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void poolExhaustedIsAnErrorLineWithTheReportAndItsKeyValues() {
    reporter.pool(PoolEvent.builder(PoolEvent.Kind.EXHAUSTED).pool("shop-pool").db("jdbc:h2:mem:shop").thread("shopper-1")
        .site("com.shop.Checkout.place(Checkout.java:57)").waitMillis(250).inUse(5).max(5).waiting(3).stillWaiting(true)
        .diagnosis("leak", "5 of 5 connections held idle").holdersReport("Holders: 5 open leases").suppressed(7).build());
    assertThat(printed())
        .contains(" ERROR leash.pool - Pool exhausted [pool.exhausted]: shop-pool has 5 of 5 connections in use and 3 threads waiting;"
            + " thread shopper-1 has waited 250 ms so far at com.shop.Checkout.place(Checkout.java:57)")
        .contains("Diagnosis leak: 5 of 5 connections held idle")
        .contains("Holders: 5 open leases event=pool.exhausted pool=\"shop-pool\" db=\"jdbc:h2:mem:shop\" thread=\"shopper-1\""
            + " site=\"com.shop.Checkout.place(Checkout.java:57)\" wait_ms=250 in_use=5 max=5 waiting=3 diagnosis=leak suppressed=7");
  }

  @Test
  void slowWaitAndNestedAcquisitionAreWarnings() {
    reporter.pool(PoolEvent.builder(PoolEvent.Kind.WAIT_SLOW).pool("p").db("d").thread("t").site("a.B.c(B.java:1)")
        .waitMillis(1200).inUse(2).max(5).waiting(1).build());
    reporter.pool(PoolEvent.builder(PoolEvent.Kind.NESTED).pool("p").db("d").thread("t").site("a.B.inner(B.java:9)")
        .heldSite("a.B.outer(B.java:3)").inUse(1).max(5).build());
    assertThat(printed().lines())
        .anySatisfy(l -> assertThat(l).contains(" WARN  leash.pool - Slow connection acquisition [pool.wait.slow]: thread t waited 1.2 s for pool p")
            .endsWith("event=pool.wait.slow pool=\"p\" db=\"d\" thread=\"t\" site=\"a.B.c(B.java:1)\" wait_ms=1200 in_use=2 max=5 waiting=1"))
        .anySatisfy(l -> assertThat(l).contains(" WARN  leash.pool - Nested connection acquisition [connection.nested]: thread t")
            .endsWith("event=connection.nested pool=\"p\" db=\"d\" thread=\"t\" site=\"a.B.inner(B.java:9)\""
                + " held_site=\"a.B.outer(B.java:3)\" in_use=1 max=5"));
  }
}
