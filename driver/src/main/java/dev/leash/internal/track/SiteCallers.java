package dev.leash.internal.track;

import java.util.List;

/**
 * The callers seen below one site, to name helper paths: when {@code Db.open()} is reached from
 * {@code browse()} and from {@code checkout()}, the site alone does not say which path took a connection.
 *
 * <p>Holds the callers of the first stack seen and how long a prefix every later stack shared with it
 * (the common prefix of all of them); the first frame past that prefix is the one that tells the paths apart.
 */
final class SiteCallers {

  private final List<StackTraceElement> first;
  /** Length of the caller prefix every stack seen so far shares; only ever shrinks. */
  private volatile int common;
  private volatile boolean several;

  SiteCallers(List<StackTraceElement> first) {
    this.first = first;
    this.common = first.size();
  }

  /** Records the callers of another stack of this site. */
  void seen(List<StackTraceElement> callers) {
    if (callers.equals(first)) {
      return;
    }
    int n = Math.min(first.size(), callers.size());
    int shared = 0;
    while (shared < n && first.get(shared).equals(callers.get(shared))) {
      shared++;
    }
    synchronized (this) {
      common = Math.min(common, shared);
      several = true;
    }
  }

  /**
   * The caller frame of {@code callers} that tells its path apart from the others, or null when the
   * site has one path (or this stack holds no caller past the shared part).
   */
  StackTraceElement distinguishing(List<StackTraceElement> callers) {
    if (!several || callers.isEmpty()) {
      return null;
    }
    int at = common;
    return callers.get(Math.min(at, callers.size() - 1));
  }
}
