package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.event.Holders;
import dev.leash.event.PoolDiagnosis;
import dev.leash.event.PoolEvent;
import dev.leash.internal.track.EvidenceBuilder;
import dev.leash.internal.track.PoolEventBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    PoolDiagnosis.Evidence leaked = new EvidenceBuilder().ofConnections(5).count(5).whereCount(5)
        .where("com.shop.Dao.load(Dao.java:12)").minMillis(1000).maxMillis(1400).build();
    // The holders as data: five open leases whose groups this test leaves out, so the report is its first line.
    Holders holders = new Holders("shop-pool", 5, List.of(), 0, null, 0, null);
    reporter.pool(new PoolEventBuilder(PoolEvent.Kind.EXHAUSTED).pool("shop-pool").db("jdbc:h2:mem:shop").thread("shopper-1")
        .site("com.shop.Checkout.place(Checkout.java:57)").waitMillis(250).inUse(5).max(5).waiting(3).stillWaiting(true)
        .diagnosis(new PoolDiagnosis(PoolDiagnosis.Cause.LEAK, leaked, null)).holders(holders).suppressed(7).build());
    assertThat(printed())
        .contains(" ERROR leash.pool - Pool exhausted [pool.exhausted]: shop-pool has 5 of 5 connections in use and 3 threads waiting;"
            + " thread shopper-1 has waited 250 ms so far at com.shop.Checkout.place(Checkout.java:57)")
        .contains("Diagnosis leak: 5 of 5 connections held idle for 1.0–1.4 s by com.shop.Dao.load(Dao.java:12): they look leaked")
        .contains("Holders: 5 open leases event=pool.exhausted pool=\"shop-pool\" db=\"jdbc:h2:mem:shop\" thread=\"shopper-1\""
            + " site=\"com.shop.Checkout.place(Checkout.java:57)\" wait_ms=250 in_use=5 max=5 waiting=3 diagnosis=leak suppressed=7");
  }

  @Test
  void slowWaitAndNestedAcquisitionAreWarnings() {
    reporter.pool(new PoolEventBuilder(PoolEvent.Kind.WAIT_SLOW).pool("p").db("d").thread("t").site("a.B.c(B.java:1)")
        .waitMillis(1200).inUse(2).max(5).waiting(1).build());
    reporter.pool(new PoolEventBuilder(PoolEvent.Kind.NESTED).pool("p").db("d").thread("t").site("a.B.inner(B.java:9)")
        .heldSite("a.B.outer(B.java:3)").inUse(1).max(5).build());
    assertThat(printed().lines())
        .anySatisfy(l -> assertThat(l).contains(" WARN  leash.pool - Slow connection acquisition [pool.wait.slow]: thread t waited 1.2 s for pool p")
            .endsWith("event=pool.wait.slow pool=\"p\" db=\"d\" thread=\"t\" site=\"a.B.c(B.java:1)\" wait_ms=1200 in_use=2 max=5 waiting=1"))
        .anySatisfy(l -> assertThat(l).contains(" WARN  leash.pool - Nested connection acquisition [connection.nested]: thread t")
            .endsWith("event=connection.nested pool=\"p\" db=\"d\" thread=\"t\" site=\"a.B.inner(B.java:9)\""
                + " held_site=\"a.B.outer(B.java:3)\" in_use=1 max=5"));
  }
}
