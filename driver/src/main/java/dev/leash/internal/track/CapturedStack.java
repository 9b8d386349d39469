package dev.leash.internal.track;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where a connection was taken: the bounded acquisition stack and its site (first application frame).
 * Immutable and shared: every lease taken at the same place points to one instance.
 */
public final class CapturedStack {

  /** Used when stack capture is off ({@code leash.stack.depth=0}). */
  static final CapturedStack NONE = new CapturedStack(new StackTraceElement[0], -1, "(stack capture off: leash.stack.depth=0)");

  private final List<StackTraceElement> frames;
  private final int siteIndex;
  private final String site;

  CapturedStack(StackTraceElement[] frames, int siteIndex, String noSiteText) {
    this.frames = Collections.unmodifiableList(Arrays.asList(frames.clone()));
    this.siteIndex = siteIndex;
    this.site = siteIndex >= 0 ? format(frames[siteIndex]) : noSiteText;
  }

  /** This stack cut down to its site frame (used when the intern table is full, to bound memory). */
  CapturedStack siteOnly() {
    return new CapturedStack(new StackTraceElement[] {frames.get(siteIndex)}, 0, site);
  }

  /** Frames from the innermost (the acquisition call) outwards; empty when capture is off. */
  public List<StackTraceElement> frames() {
    return frames;
  }

  /** Index of the site in {@link #frames()}, or -1 when no frame was application code. */
  public int siteIndex() {
    return siteIndex;
  }

  /** The site as {@code com.shop.Dao.load(Dao.java:57)}, or a placeholder saying why there is none. */
  public String site() {
    return site;
  }

  /** {@code Class.method(File.java:line)}, without the module and class-loader decorations of {@link StackTraceElement#toString()}. */
  static String format(StackTraceElement e) {
    StringBuilder b = new StringBuilder(96).append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
    if (e.isNativeMethod()) {
      b.append("Native Method");
    } else if (e.getFileName() == null) {
      b.append("Unknown Source");
    } else {
      b.append(e.getFileName());
      if (e.getLineNumber() >= 0) {
        b.append(':').append(e.getLineNumber());
      }
    }
    return b.append(')').toString();
  }
}
