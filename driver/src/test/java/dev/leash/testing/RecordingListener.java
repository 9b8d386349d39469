package dev.leash.testing;

import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.internal.util.Notice;
import dev.leash.internal.util.NoticeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Collects leak events and notices, and counts lease starts/ends. */
public final class RecordingListener implements LeashListener, NoticeListener {
  public final List<LeakEvent> leaks = new CopyOnWriteArrayList<>();
  public final AtomicLong started = new AtomicLong();
  public final AtomicLong ended = new AtomicLong();
  public final List<Notice> notices = new CopyOnWriteArrayList<>();

  @Override
  public void leaseStarted(LeaseView lease) {
    started.incrementAndGet();
  }

  @Override
  public void leaseEnded(LeaseView lease, long heldNanos) {
    ended.incrementAndGet();
  }

  @Override
  public void leak(LeakEvent event) {
    leaks.add(event);
  }

  @Override
  public void notice(Notice notice) {
    notices.add(notice);
  }

  public List<LeakEvent> of(LeakEvent.Kind kind) {
    return leaks.stream().filter(e -> e.kind() == kind).collect(Collectors.toList());
  }
}
