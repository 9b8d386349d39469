package dev.leash.internal.jfr;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.report.ReportText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns Leash's events into JDK Flight Recorder events: {@code leash.ConnectionLease},
 * {@code leash.ConnectionLeak} and {@code leash.PoolExhausted}. Attached by Leash's runtime unless
 * {@code leash.jfr=false}, and only where the {@code jdk.jfr} module exists.
 *
 * <p>A JFR event's start time is taken when {@code begin()} is called, and there is no API to set it
 * afterwards; so a lease event is created and begun at acquisition, kept beside the lease until its
 * close, then ended and committed, which makes its duration the hold time (and lets a recording's
 * {@code threshold} setting keep only long holds). This happens only while a recording has the event
 * enabled: otherwise each lease costs one {@code isEnabled()} check on an event object that escape
 * analysis removes (no allocation, no map access), and the end of a lease one read of a flag that
 * stays false until a recording first enabled the event.
 */
public final class JfrListener implements LeashListener {

  /** Lease events kept at most at once; leases beyond that go unrecorded rather than grow memory. */
  private static final int MAX_IN_FLIGHT = 100_000;

  private final ConcurrentHashMap<LeaseView, ConnectionLeaseEvent> inFlight = new ConcurrentHashMap<>();
  /** Set once a lease event was begun; until then lease ends skip the map. */
  private volatile boolean everBegun;

  /**
   * Public for Leash's runtime, which creates the one instance once the flight recorder is up (see
   * {@link RecorderGate}): the event classes are loaded and registered here.
   */
  public JfrListener() {
    new ConnectionLeaseEvent().isEnabled();
    new ConnectionLeakEvent().isEnabled();
    new PoolExhaustedEvent().isEnabled();
  }

  @Override
  public void leaseStarted(LeaseView lease) {
    ConnectionLeaseEvent event = new ConnectionLeaseEvent();
    if (!event.isEnabled() || inFlight.size() >= MAX_IN_FLIGHT) {
      return;
    }
    event.begin();
    everBegun = true;
    inFlight.put(lease, event);
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    if (!everBegun) {
      return;
    }
    ConnectionLeaseEvent event = inFlight.remove(lease);
    if (event != null) {
      commit(event, lease);
    }
  }

  private static void commit(ConnectionLeaseEvent event, LeaseView lease) {
    event.end();
    if (event.shouldCommit()) {
      event.pool = lease.pool();
      event.site = lease.site();
      event.path = lease.path();
      event.thread = lease.threadName();
      event.leaseId = lease.id();
      event.context = context(lease.context());
      event.commit();
    }
  }

  @Override
  public void leak(LeakEvent e) {
    boolean confirmed = e.kind() == LeakEvent.Kind.CONFIRMED;
    if (confirmed && everBegun) {
      // A collected connection never reaches leaseEnded: its lease event ends here, at the collection.
      inFlight.entrySet().removeIf(entry -> {
        if (entry.getKey().id() != e.leaseId()) {
          return false;
        }
        commit(entry.getValue(), entry.getKey());
        return true;
      });
    }
    if (!confirmed && e.kind() != LeakEvent.Kind.SUSPECTED) {
      return;
    }
    ConnectionLeakEvent event = new ConnectionLeakEvent();
    if (!event.isEnabled()) {
      return;
    }
    event.kind = confirmed ? "confirmed" : "suspected";
    event.pool = e.pool();
    event.site = e.site();
    event.path = e.path();
    event.thread = e.threadName();
    event.heldTime = e.heldMillis();
    event.idleTime = e.idleMillis();
    event.stack = format(e.stack());
    event.leaseId = e.leaseId();
    event.context = context(e.context());
    event.commit();
  }

  @Override
  public void pool(PoolEvent e) {
    if (e.kind() != PoolEvent.Kind.EXHAUSTED) {
      return;
    }
    PoolExhaustedEvent event = new PoolExhaustedEvent();
    if (!event.isEnabled()) {
      return;
    }
    event.pool = e.pool();
    event.inUse = e.inUse();
    event.max = e.max();
    event.waiting = e.waiting();
    event.diagnosis = e.diagnosis();
    event.diagnosisText = e.diagnosisDetail() == null ? null : ReportText.diagnosis(e.diagnosisDetail());
    event.waitTime = e.waitMillis();
    event.site = e.site();
    event.path = e.path();
    event.holders = e.holders() == null ? null : ReportText.holders(e.holders());
    event.commit();
  }

  /** {@code trace_id=4bf92f35... span_id=00f067aa...}, as the log lines end; null when there is none. */
  private static String context(Map<String, String> context) {
    return context.isEmpty() ? null : ReportText.context(context);
  }

  private static String format(List<StackTraceElement> stack) {
    StringBuilder b = new StringBuilder();
    for (StackTraceElement f : stack) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(f);
    }
    return b.toString();
  }
}
