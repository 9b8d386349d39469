package dev.leash.internal.track;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.event.StartedEvent;
import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.Notice;
import dev.leash.internal.util.NoticeListener;
import dev.leash.internal.util.Once;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans events out to every registered listener. A listener that throws is isolated (Caffeine's
 * {@code GuardedStatsCounter}): the failure is counted, reported once on stderr, and the JDBC call
 * that triggered the event completes as if nothing happened.
 */
public final class Listeners {

  private final CopyOnWriteArrayList<LeashListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private final Once failureReported = new Once();

  public void add(LeashListener listener) {
    listeners.addIfAbsent(listener);
  }

  public void remove(LeashListener listener) {
    listeners.remove(listener);
  }

  /** How many times a listener threw. */
  public long failures() {
    return failures.get();
  }

  void started(StartedEvent e) {
    for (LeashListener l : listeners) {
      try {
        l.started(e);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void leaseStarted(LeaseView lease) {
    for (LeashListener l : listeners) {
      try {
        l.leaseStarted(lease);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void leaseEnded(LeaseView lease, long heldNanos) {
    for (LeashListener l : listeners) {
      try {
        l.leaseEnded(lease, heldNanos);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void leak(LeakEvent e) {
    for (LeashListener l : listeners) {
      try {
        l.leak(e);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void acquisitionEnded(String pool, long waitNanos, boolean timedOut) {
    for (LeashListener l : listeners) {
      try {
        l.acquisitionEnded(pool, waitNanos, timedOut);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void connectionCreated(String pool, long createNanos) {
    for (LeashListener l : listeners) {
      try {
        l.connectionCreated(pool, createNanos);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void pool(PoolEvent e) {
    for (LeashListener l : listeners) {
      try {
        l.pool(e);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  void configRejected(dev.leash.event.ConfigProblem problem) {
    for (LeashListener l : listeners) {
      try {
        l.configRejected(problem);
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  /** Only Leash's own reporters hear notices: they are not events of the public listener SPI. */
  void notice(Notice notice) {
    for (LeashListener l : listeners) {
      try {
        if (l instanceof NoticeListener) {
          ((NoticeListener) l).notice(notice);
        }
      } catch (Throwable t) {
        failed(l, t);
      }
    }
  }

  private void failed(LeashListener l, Throwable t) {
    failures.incrementAndGet();
    if (failureReported.first()) {
      // Once: a broken logging backend must not flood the very output it broke.
      LastResort.print("listener " + l.getClass().getName() + " failed and is isolated (reported once): " + t);
    }
  }
}
