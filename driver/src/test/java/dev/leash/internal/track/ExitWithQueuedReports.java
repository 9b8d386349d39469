package dev.leash.internal.track;

/**
 * A program for {@link ReportFlushAtExitTest}: queues {@code n} reports that each take 25 ms to write, then ends at
 * once, by {@code System.exit} ({@code exit}) or by returning from main ({@code return}); {@code blocked} queues
 * one report and then one that never ends, and exits.
 */
public final class ExitWithQueuedReports {

  private ExitWithQueuedReports() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    ReportDispatcher dispatcher = new ReportDispatcher();
    for (int i = 1; i <= n; i++) {
      int id = i;
      dispatcher.dispatch(() -> {
        sleep(25);
        System.out.println("report " + id + " on " + Thread.currentThread().getName());
      });
    }
    if (mode.equals("blocked")) {
      dispatcher.dispatch(() -> {
        System.out.println("blocking");
        sleep(Long.MAX_VALUE);
      });
    }
    if (!mode.equals("return")) {
      System.exit(0);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
