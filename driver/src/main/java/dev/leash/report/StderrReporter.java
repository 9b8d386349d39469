package dev.leash.report;

import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Leash's reports on stderr, for an application without SLF4J (only the Java agent can be in such an
 * application). The same messages as {@link Slf4jReporter}, one line per event in a plain-log layout
 * ({@code 12:00:01.234 WARN  leash.leak - <message> event=... site=...}), the acquisition stack
 * printed below the line like an exception. Debug events (acquired/released) are not printed.
 */
public final class StderrReporter implements LeashListener {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private final PrintStream out;

  public StderrReporter() {
    this(System.err);
  }

  StderrReporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void started(StartedEvent e) {
    String cfg = ReportMessages.config(e);
    line("INFO", "leash.lifecycle", ReportMessages.started(e, cfg), "event=leash.started mode=" + e.mode()
        + " version=" + e.version(), null);
  }

  @Override
  public void leak(LeakEvent e) {
    StringBuilder kv = new StringBuilder(160)
        .append("event=").append(e.kind().eventName())
        .append(" lease_id=").append(e.leaseId())
        .append(" pool=\"").append(e.pool()).append('"')
        .append(" db=\"").append(e.db()).append('"')
        .append(" thread=\"").append(e.threadName()).append('"')
        .append(" site=\"").append(e.site()).append('"')
        .append(" held_ms=").append(e.heldMillis());
    if (e.path() != null) {
      kv.append(" path=\"").append(e.path()).append('"');
    }
    if (e.kind() == LeakEvent.Kind.SUSPECTED) {
      kv.append(" idle_ms=").append(e.idleMillis());
    }
    for (java.util.Map.Entry<String, String> c : e.context().entrySet()) {
      kv.append(' ').append(c.getKey()).append("=\"").append(c.getValue()).append('"');
    }
    Throwable stack = ReportMessages.withStack(e) ? new AcquisitionStack(e.threadName(), e.stack()) : null;
    line(ReportMessages.level(e.kind()), "leash.leak", ReportMessages.leak(e) + ReportMessages.context(e.context()),
        kv.toString(), stack);
  }

  @Override
  public void pool(PoolEvent e) {
    StringBuilder kv = new StringBuilder(200)
        .append("event=").append(e.kind().eventName())
        .append(" pool=\"").append(e.pool()).append('"')
        .append(" db=\"").append(e.db()).append('"')
        .append(" thread=\"").append(e.thread()).append('"')
        .append(" site=\"").append(e.site()).append('"');
    if (e.kind() == PoolEvent.Kind.NESTED) {
      kv.append(" held_site=\"").append(e.heldSite()).append('"')
          .append(" in_use=").append(e.inUse())
          .append(" max=").append(e.max());
      line("WARN", "leash.pool", PoolMessages.nested(e), kv.toString(), null);
      return;
    }
    boolean exhausted = e.kind() == PoolEvent.Kind.EXHAUSTED;
    kv.append(" wait_ms=").append(e.waitMillis())
        .append(" in_use=").append(e.inUse())
        .append(" max=").append(e.max())
        .append(" waiting=").append(e.waiting());
    if (exhausted) {
      kv.append(" diagnosis=").append(e.diagnosis());
    }
    if (e.suppressed() > 0) {
      kv.append(" suppressed=").append(e.suppressed());
    }
    line(exhausted ? "ERROR" : "WARN", "leash.pool", exhausted ? PoolMessages.exhausted(e) : PoolMessages.slowWait(e),
        kv.toString(), null);
  }

  @Override
  public void notice(String event, String message) {
    line("INFO", "leash.config", ReportMessages.notice(event, message), "event=" + event, null);
  }

  @Override
  public void configRejected(ConfigProblem p) {
    StringBuilder kv = new StringBuilder("event=").append(ConfigProblemKeys.EVENT);
    for (String[] pair : ConfigProblemKeys.of(p)) {
      kv.append(' ').append(pair[0]).append("=\"").append(pair[1]).append('"');
    }
    line("WARN", "leash.config", ReportMessages.configRejected(p), kv.toString(), null);
  }

  private void line(String level, String logger, String message, String keyValues, Throwable stack) {
    StringBuilder b = new StringBuilder(256)
        .append(LocalTime.now().format(TIME)).append(' ')
        .append(String.format(Locale.ROOT, "%-5s", level)).append(' ')
        .append(logger).append(" - ").append(message).append(' ').append(keyValues);
    // One print per event, so concurrent events do not interleave within a report.
    synchronized (out) {
      out.println(b);
      if (stack != null) {
        stack.printStackTrace(out);
      }
    }
  }
}
