package dev.leash.report;

import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import dev.leash.internal.util.Notice;
import dev.leash.internal.util.NoticeListener;

/**
 * A listener that writes each event as the {@link LogLine} {@link EventFormatter} makes of it. A sink decides only
 * how a line is written ({@link #write}) and whether a line that arises on an application thread is written
 * later, elsewhere ({@link #writeLater}); what a line says is the formatter's alone.
 */
abstract class LineSink implements LeashListener, NoticeListener {

  /** Writes {@code line} now, on the calling thread. */
  abstract void write(LogLine line);

  /**
   * Writes a line that arose inside the application's {@code getConnection()} or {@code close()}; by default at
   * once. A sink whose writing may block overrides it to hand the line to another thread.
   */
  void writeLater(LogLine line) {
    write(line);
  }

  /** Whether the DEBUG lines of every lease start and end are wanted; formatting them is skipped otherwise. */
  boolean wantsLeaseLines() {
    return false;
  }

  @Override
  public void started(StartedEvent e) {
    writeLater(EventFormatter.started(e));
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    if (wantsLeaseLines()) {
      // Formatted now, on the application thread: the lease keeps changing after this call returns.
      writeLater(EventFormatter.acquired(lease));
    }
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    if (wantsLeaseLines()) {
      writeLater(EventFormatter.released(lease, heldNanos));
    }
  }

  @Override
  public void leak(LeakEvent e) {
    LogLine line = EventFormatter.leak(e);
    if (e.kind() == LeakEvent.Kind.RETURNED) {
      // Emitted inside the application's close().
      writeLater(line);
    } else {
      write(line);
    }
  }

  @Override
  public void pool(PoolEvent e) {
    write(EventFormatter.pool(e));
  }

  @Override
  public void notice(Notice notice) {
    writeLater(EventFormatter.notice(notice));
  }

  @Override
  public void configRejected(ConfigProblem p) {
    writeLater(EventFormatter.configRejected(p));
  }
}
