package dev.leash.report;

import dev.leash.event.HolderGroup;
import dev.leash.event.HolderThread;
import dev.leash.event.Holders;
import dev.leash.event.WaiterSite;
import dev.leash.event.Waiters;
import java.util.List;

/**
 * The holders report as text: who holds a pool's connections, grouped by path (by site when the site has one
 * caller), the group holding most first. Shared by {@code pool.exhausted}, the JMX {@code dump()} and
 * {@code leash-agent.jar dump}.
 */
final class HoldersText {

  private static final int THREAD_NAMES_SHOWN = 5;
  private static final int STACK_FRAMES_SHOWN = 12;
  private static final int WAITER_SITES_SHOWN = 5;

  private HoldersText() {}

  /** Every pool of {@code pools}, with the note on untracked leases when {@code droppedLeases} is not 0. */
  static String byPool(List<Holders> pools, long droppedLeases) {
    int open = 0;
    for (Holders h : pools) {
      open += h.openLeases();
    }
    StringBuilder b = new StringBuilder("Leash holders report: ").append(open)
        .append(open == 1 ? " open connection in " : " open connections in ").append(pools.size())
        .append(pools.size() == 1 ? " pool" : " pools");
    b.append(dropped(droppedLeases));
    for (Holders pool : pools) {
      b.append("\n\nPool ").append(pool.pool()).append(":\n").append(of(pool));
    }
    return b.append('\n').toString();
  }

  /** One pool's holders, then its lost connections, untracked leases and sampled waiters where there are any. */
  static String of(Holders h) {
    StringBuilder b = new StringBuilder(512);
    b.append("Holders: ").append(h.openLeases()).append(h.openLeases() == 1 ? " open lease" : " open leases");
    if (!h.groups().isEmpty()) {
      b.append(", by path (most first):");
    }
    for (HolderGroup g : h.groups()) {
      group(b, g);
    }
    if (h.lost() > 0) {
      b.append("\n  ").append(h.lost()).append(h.lost() == 1 ? " more connection is" : " more connections are")
          .append(" in use by the pool but lost: garbage-collected without close() (last taken at ")
          .append(h.lastLostSite()).append(')');
    }
    b.append(dropped(h.droppedLeases()));
    if (h.waiters() != null) {
      b.append("\n  ").append(waiters(h.waiters()));
    }
    return b.toString();
  }

  private static void group(StringBuilder b, HolderGroup g) {
    b.append("\n  ").append(g.count()).append(" x ").append(g.where())
        .append("\n      held ").append(Durations.range(g.minHeldMillis(), g.maxHeldMillis()))
        .append(", ").append(g.idle()).append(" idle");
    if (g.idle() > 0 && g.maxIdleMillis() > 0) {
      b.append(" (for ").append(Durations.range(g.minIdleMillis(), g.maxIdleMillis())).append(')');
    }
    b.append(", ").append(g.busy()).append(" busy in a statement").append(", threads: ").append(threads(g));
    if (!g.contexts().isEmpty()) {
      b.append("\n      requests: ");
      for (int i = 0; i < g.contexts().size(); i++) {
        b.append(i == 0 ? "" : "; ").append(Frames.context(g.contexts().get(i)));
      }
      int more = g.contextCount() - g.contexts().size();
      if (more > 0) {
        b.append(" and ").append(more).append(" more");
      }
    }
    List<StackTraceElement> stack = g.stack();
    int shown = Math.min(stack.size(), STACK_FRAMES_SHOWN);
    for (int i = 0; i < shown; i++) {
      b.append("\n        at ").append(Frames.format(stack.get(i)));
    }
    if (stack.size() > shown) {
      b.append("\n        ... ").append(stack.size() - shown).append(" more");
    }
    current(b, g);
  }

  /**
   * What the holder threads are doing right now, next to where they took the connection: this tells
   * "held while calling a slow remote service" or "waiting on a lock" apart from a leak. A thread that
   * has ended while holding a connection is a certain leak.
   */
  private static void current(StringBuilder b, HolderGroup g) {
    for (HolderThread t : g.current()) {
      b.append("\n      now, thread ").append(t.name()).append(" (").append(t.state()).append(")")
          .append(t.inStatement() ? ", in a statement:" : ":");
      for (int i = 0; i < t.frames().size(); i++) {
        b.append("\n        at ").append(Frames.format(t.frames().get(i)));
        if (i == t.applicationFrame()) {
          b.append("   <- application");
        }
      }
    }
    int ended = g.endedThreads();
    if (ended > 0) {
      b.append("\n      ").append(ended).append(ended == 1 ? " holder's thread has" : " holders' threads have")
          .append(" ended without returning the connection (thread ended): a certain leak");
    }
  }

  private static String threads(HolderGroup g) {
    List<String> names = g.threads();
    if (g.threadCount() <= THREAD_NAMES_SHOWN) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, THREAD_NAMES_SHOWN)) + " and " + (g.threadCount() - THREAD_NAMES_SHOWN) + " more";
  }

  /** The note on untracked leases, or the empty string when none were dropped. */
  private static String dropped(long droppedLeases) {
    if (droppedLeases <= 0) {
      return "";
    }
    return "\n(" + droppedLeases + (droppedLeases == 1 ? " lease was" : " leases were")
        + " not tracked because too many connections were open at once: Leash's bound on memory)";
  }

  /**
   * How many threads wait inside the pool's acquisition method, since when at least, and where; and how many
   * waits ended without a connection since the watchdog last looked.
   */
  private static String waiters(Waiters w) {
    StringBuilder b = new StringBuilder(256);
    b.append("Waiting: ").append(w.count()).append(w.count() == 1 ? " thread" : " threads").append(" inside ").append(w.acquireMethod());
    if (w.count() > 0) {
      b.append(", the longest for at least ").append(Durations.human(w.longestMillis()));
    }
    b.append(" (seen by the watchdog every ").append(Durations.human(w.tickMillis())).append(')');
    if (w.failedWaits() > 0) {
      b.append("; ").append(w.failedWaits()).append(w.failedWaits() == 1 ? " wait" : " waits")
          .append(" ended without a connection since it last looked, the longest after at least ")
          .append(Durations.human(w.longestFailedMillis()))
          .append(" (the pool's timeout: nothing was returned or opened meanwhile)");
    }
    b.append(w.count() > 0 ? ", at:" : ".");
    int shown = 0;
    for (WaiterSite s : w.sites()) {
      if (shown++ == WAITER_SITES_SHOWN) {
        b.append("\n    ... ").append(w.sites().size() - WAITER_SITES_SHOWN).append(" more sites");
        break;
      }
      b.append("\n    ").append(s.count()).append(" x ").append(s.where());
    }
    return b.toString();
  }
}
