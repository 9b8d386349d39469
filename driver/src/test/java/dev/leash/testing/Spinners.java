package dev.leash.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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

  /**
   * Every core busy for all the tests of a class ({@code @ExtendWith(Spinners.EveryCoreBusy.class)}): started before
   * the first, stopped and joined after the last.
   */
  public static final class EveryCoreBusy implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace SPINNERS = ExtensionContext.Namespace.create(EveryCoreBusy.class);

    @Override
    public void beforeAll(ExtensionContext test) {
      test.getStore(SPINNERS).put(Spinners.class, onEveryCore());
    }

    @Override
    public void afterAll(ExtensionContext test) throws InterruptedException {
      Spinners s = test.getStore(SPINNERS).remove(Spinners.class, Spinners.class);
      if (s != null) {
        s.close();
      }
    }
  }
}
