package dev.leash.benchmarks;

import dev.leash.benchmarks.app.ShopController;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that every {@link CaptureStrategy} finds the same site and the same bounded stack, and
 * that the deduplicating strategies share one stack array across leases from one call site.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leash.benchmarks.CaptureSanity</pre>
 */
public final class CaptureSanity {

  private CaptureSanity() {}

  public static void main(String[] args) {
    List<String> failures = new ArrayList<>();
    CaptureStrategy[] all = CaptureStrategy.values();
    for (int depth : new int[] {10, 50, 150}) {
      // One call line for every strategy, so at depth 10 the stacks (which reach into this
      // method) are comparable too.
      Object[] sites = new Object[all.length];
      for (int i = 0; i < all.length; i++) {
        sites[i] = capture(depth, all[i]);
      }
      CapturedSite reference =
          (CapturedSite) sites[CaptureStrategy.THROWABLE_GET_STACK_TRACE.ordinal()];
      System.out.println("depth " + depth + ": " + reference);
      if (!reference.className.startsWith("dev.leash.benchmarks.app.")) {
        failures.add("depth " + depth + ": site is not application code: " + reference);
      }
      for (CaptureStrategy strategy : all) {
        if (strategy == CaptureStrategy.BASELINE
            || strategy == CaptureStrategy.STACK_WALKER_WALK_ONLY) {
          continue;
        }
        CapturedSite site = (CapturedSite) sites[strategy.ordinal()];
        if (!site.sameSite(reference)) {
          failures.add(strategy + " depth " + depth + ": site " + site + " != " + reference);
        }
        if (site.stack != null) {
          if (site.stack.length > CaptureStrategy.MAX_DEPTH) {
            failures.add(strategy + " depth " + depth + ": stack of " + site.stack.length);
          }
          if (!Arrays.equals(site.stack, reference.stack)) {
            failures.add(strategy + " depth " + depth + ": stack differs:\n  "
                + Arrays.toString(site.stack) + "\n  " + Arrays.toString(reference.stack));
          }
        }
      }
      for (CaptureStrategy strategy : new CaptureStrategy[] {
          CaptureStrategy.STACK_WALKER_BOUNDED, CaptureStrategy.STACK_WALKER_BOUNDED_MEMO,
          CaptureStrategy.STACK_WALKER_BOUNDED_CACHED_SITE, CaptureStrategy.STACK_WALKER_CLASS_REFS}) {
        StackTraceElement[] first = null;
        for (int lease = 0; lease < 10_000; lease++) {
          StackTraceElement[] stack = ((CapturedSite) capture(depth, strategy)).stack;
          if (first == null) {
            first = stack;
          } else if (stack != first) {
            failures.add(strategy + " depth " + depth + ": lease " + lease + " got a new array");
            break;
          }
        }
      }
    }
    if (failures.isEmpty()) {
      System.out.println("OK: all strategies agree on site and stack; dedup shares one array");
    } else {
      failures.forEach(System.out::println);
      System.exit(1);
    }
  }

  /** The lazy capture is resolved here; the walk-only diagnostic is returned as is. */
  private static Object capture(int depth, CaptureStrategy strategy) {
    Object captured = ShopController.handle(depth, strategy);
    if (captured instanceof Throwable) {
      return CaptureStrategy.resolve((Throwable) captured);
    }
    return captured;
  }
}
