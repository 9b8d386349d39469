package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.internal.util.Notice;
import dev.leash.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The core hands notices over as data; these are the lines the reporter makes of them: INFO on {@code leash.config},
 * tagged with the event name of README's table, and the same sentences as when the core wrote them itself.
 */
class NoticeLinesTest {

  private final LogCapture logs = new LogCapture();
  private final Slf4jReporter reporter = new Slf4jReporter();

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private ILoggingEvent said(Notice notice) {
    int before = logs.events().size();
    reporter.notice(notice);
    List<ILoggingEvent> logged = logs.events().subList(before, logs.events().size());
    assertThat(logged).hasSize(1);
    ILoggingEvent e = logged.get(0);
    assertThat(e.getLoggerName()).isEqualTo("leash.config");
    assertThat(e.getLevel().toString()).isEqualTo("INFO");
    assertThat(LogCapture.kv(e, "event")).isEqualTo(notice.kind().eventName());
    return e;
  }

  @Test
  void aPoolWhoseReturnsURLModeCannotSee() {
    assertThat(said(Notice.poolReturnsUnseen("c3p0")).getFormattedMessage()).isEqualTo("Tracking limited"
        + " [leash.tracking.limited]: c3p0 opens connections through jdbc:leash: but its returns cannot be seen from"
        + " the driver, so Leash does not track its borrows in URL mode (no leak reports for this pool). Use the agent"
        + " (-javaagent:leash-agent.jar) or LeashDataSource.wrap(dataSource) to track them.");
  }

  @Test
  void threadStacksThatCannotBeRead() {
    assertThat(said(Notice.threadStacksUnreadable(new SecurityException("denied"))).getFormattedMessage())
        .isEqualTo("Tracking limited [leash.tracking.limited]: Leash cannot read thread stacks in this JVM"
            + " (java.lang.SecurityException: denied), so it cannot see threads waiting for pools in URL mode; leak"
            + " reports are not affected.");
  }

  @Test
  void virtualThreadsThatCannotBeDumped() {
    assertThat(said(Notice.virtualThreadsUnreadable(new UnsupportedOperationException("no dump"))).getFormattedMessage())
        .isEqualTo("Tracking limited [leash.tracking.limited]: Leash cannot read the stacks of virtual threads in this"
            + " JVM (java.lang.UnsupportedOperationException: no dump): in URL mode, threads waiting for a pool on"
            + " virtual threads are not seen, so a pool drained while its waiters are virtual threads is not reported"
            + " as pool.exhausted; leak reports are not affected, and LeashDataSource.wrap or the agent see every wait.");
  }

  @Test
  void leasesDroppedAtTheBound() {
    assertThat(said(Notice.leasesDropped(100)).getFormattedMessage()).isEqualTo("Leases not tracked"
        + " [leash.leases.dropped]: More than 100 connections are open at once; Leash stops tracking further ones"
        + " until some are returned, to bound its memory. The holders report says how many were not tracked.");
  }
}
