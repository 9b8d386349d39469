package dev.leash.internal.track;

import dev.leash.internal.util.FrameText;
import java.util.List;

/**
 * Where one connection was taken: that acquisition's own bounded stack and its site.
 *
 * <p>At acquisition only the VM's raw record of the stack is taken (see {@link StackCapture}); the frames
 * are worked out the first time a report, the watchdog or a nested check asks, and then shared with every
 * other lease whose kept frames are the same.
 */
public final class CapturedStack {

  /** Used when stack capture is off ({@code leash.stack.depth=0}). */
  static final CapturedStack NONE = new CapturedStack(SharedStack.none("(stack capture off: leash.stack.depth=0)"));

  private final StackCapture source;
  private volatile RawStack raw;
  private volatile SharedStack resolved;

  /** Not yet resolved: {@code source} turns {@code raw} into frames when asked. */
  CapturedStack(StackCapture source, RawStack raw) {
    this.source = source;
    this.raw = raw;
  }

  CapturedStack(SharedStack resolved) {
    this.source = null;
    this.resolved = resolved;
  }

  /** Frames from the innermost (the acquisition call) outwards, at most {@code leash.stack.depth}; empty when capture is off. */
  public List<StackTraceElement> frames() {
    return resolve().frames;
  }

  /** Index of the site in {@link #frames()}, or -1 when no frame could be one. */
  public int siteIndex() {
    return resolve().siteIndex;
  }

  /**
   * The site as {@code com.shop.Dao.load(Dao.java:57)}: the first application frame; the first framework frame,
   * marked as such, when there is none; a placeholder saying why when the stack holds neither.
   */
  public String site() {
    return resolve().site;
  }

  /** The helper path ({@code Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88)}) or null. */
  public String path() {
    return resolve().path();
  }

  /** The path when there is one, else the site: what a report names. */
  public String where() {
    String path = path();
    return path != null ? path : site();
  }

  /** The resolved stack, possibly shared with other leases. Safe from any thread; resolves at most a few times. */
  SharedStack resolve() {
    SharedStack s = resolved;
    if (s != null) {
      return s;
    }
    RawStack r = raw;
    if (r == null) {
      // Another thread resolved it between the two reads: it wrote `resolved` before clearing `raw`.
      return resolved;
    }
    s = source.resolve(r);
    resolved = s;
    raw = null;
    return s;
  }

  /** {@code Class.method(File.java:line)}, without the module and class-loader decorations of {@link StackTraceElement#toString()}. */
  static String format(StackTraceElement e) {
    return FrameText.of(e);
  }
}
