package dev.leash.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that keep every core busy (one more than there are cores) for tests that must hold on a loaded
 * machine, as an outage's machine is: started together, stopped and joined by {@link #close()}.
 */
public final class Spinners implements AutoCloseable {

  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean spinning = true;

  private Spinners() {}

  /** Starts one spinner per core, plus one. */
  public static Spinners onEveryCore() {
    Spinners s = new Spinners();
    int n = Runtime.getRuntime().availableProcessors() + 1;
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(s::spin, "spinner-" + i);
      t.setDaemon(true);
      t.start();
      s.threads.add(t);
    }
    return s;
  }

  private void spin() {
    long x = 0;
    while (spinning) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    if (x == 42) {
      System.out.print(""); // keeps the loop from being optimised away
    }
  }

  @Override
  public void close() throws InterruptedException {
    spinning = false;
    for (Thread t : threads) {
      t.join(5000);
    }
  }
}
