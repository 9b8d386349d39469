package dev.leash.internal.track;

import dev.leash.report.ReportText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import dev.leash.event.LeakEvent;
import dev.leash.internal.util.Notice;
import dev.leash.reliability.Sites;
import dev.leash.testing.FakeClock;
import dev.leash.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Never grows without bound": past its bound the registry counts leases instead of storing them, the
 * holders report says how many it dropped, and a stack intern table stops at its bound while every
 * lease still knows its exact site.
 */
class BoundedRegistryTest {

  private final FakeClock clock = new FakeClock();
  private final RecordingListener events = new RecordingListener();
  private final LeaseRegistry registry = new LeaseRegistry(clock, false, 100);
  private final Pool owner = new Pool(registry, "bounded", "jdbc:h2:mem:bounded",
      LeashConfig.builder().leakThreshold(Duration.ofSeconds(30)).build());

  @Test
  void pastTheBoundLeasesAreCountedNotStoredAndTheReportSaysSo() {
    registry.listeners().add(events);
    List<Object> holders = new ArrayList<>();
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      Object holder = new Object();
      holders.add(holder);
      leases.add(registry.start(owner, holder));
    }

    assertThat(registry.openCount()).isEqualTo(100);
    assertThat(registry.droppedLeases()).isEqualTo(150);
    assertThat(registry.acquiredCount()).isEqualTo(100);
    assertThat(owner.openLeases()).isEqualTo(100);
    assertThat(leases.stream().filter(Lease::tracked).count()).isEqualTo(100);
    // Said once, as data; its sentence ("More than 100 connections are open at once; ...") is NoticeLinesTest's.
    assertThat(events.notices).singleElement()
        .satisfies(n -> assertThat(n.kind()).isEqualTo(Notice.Kind.LEASES_DROPPED))
        .satisfies(n -> assertThat(n.limit()).isEqualTo(100));
    String report = ReportText.holdersByPool(HolderGroups.byPool(registry.openLeases(), List.of(), clock.nanoTime()), registry.droppedLeases());
    assertThat(report).contains("100 open connections in 1 pool")
        .contains("(150 leases were not tracked because too many connections were open at once: Leash's bound on memory)");

    clock.advance(Duration.ofSeconds(31));
    registry.scan();
    assertThat(events.of(LeakEvent.Kind.SUSPECTED)).hasSize(100);

    // Untracked leases end quietly and never disturb the counters.
    for (Lease l : leases) {
      registry.end(l);
      registry.end(l);
    }
    assertThat(registry.openCount()).isZero();
    assertThat(owner.openLeases()).isZero();
    assertThat(registry.releasedCount()).isEqualTo(100);
    assertThat(registry.acquiredCount()).isEqualTo(registry.releasedCount() + registry.openCount());
    assertThat(events.of(LeakEvent.Kind.RETURNED)).hasSize(100);

    // Below the bound again, leases are tracked again.
    assertThat(registry.start(owner, new Object()).tracked()).isTrue();
    assertThat(ReportText.holdersByPool(List.of(), 0)).doesNotContain("not tracked");
  }

  @Test
  void stackInternTableStopsAtItsBoundAndSitesStayExact() {
    StackCapture capture = new StackCapture(new SiteFilter(List.of()), 32, 2);
    List<CapturedStack> fromA = new ArrayList<>();
    List<CapturedStack> fromC = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      fromA.add(Sites.siteA(capture::capture));
    }
    CapturedStack b = Sites.siteB(capture::capture);
    for (int i = 0; i < 2; i++) {
      fromC.add(Sites.siteC(capture::capture));
    }

    assertThat(fromA.get(0).frames()).as("equal frame sequences share one stack").isSameAs(fromA.get(1).frames());
    assertThat(b.site()).startsWith("dev.leash.reliability.Sites.siteB(Sites.java:");
    assertThat(capture.internedCount()).isEqualTo(2);
    CapturedStack c = fromC.get(0);
    assertThat(c.site()).startsWith("dev.leash.reliability.Sites.siteC(Sites.java:");
    assertThat(c.frames()).as("past the bound a lease keeps its own stack, unshared")
        .hasSizeGreaterThan(1).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("siteC"));
    assertThat(fromC.get(1).frames()).isNotSameAs(c.frames()).isEqualTo(c.frames());
    assertThat(capture.internedCount()).as("the table stays at its bound").isEqualTo(2);
    assertThat(StackCapture.MAX_INTERNED).isEqualTo(4096);
  }
}
