package dev.leash.report;

import dev.leash.event.LeakEvent;

/** Test access to the package-private message formatter. */
public final class ReportMessagesAccess {
  private ReportMessagesAccess() {}

  public static String leak(LeakEvent e) {
    return ReportMessages.leak(e);
  }
}
