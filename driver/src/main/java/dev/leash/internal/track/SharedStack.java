package dev.leash.internal.track;

import java.util.List;

/**
 * A resolved acquisition stack: the kept frames and the site among them. Shared between leases only
 * when all their kept frames are equal ({@link StackCapture} interns by the frame sequence).
 */
final class SharedStack {

  /** Said after a site that is a framework's frame because the stack holds no application frame. */
  static final String FRAMEWORK_MARK = " (framework frame: no application frame in the stack)";

  final List<StackTraceElement> frames;
  /** Index of the site in {@link #frames}, or -1 when the stack holds nothing that can be one. */
  final int siteIndex;
  final String site;
  /** The frames below the site that tell paths apart (application frames, or framework ones for a framework site). */
  final List<StackTraceElement> callers;
  /** What is known of the site's other callers; null without a site or past the table's bound. */
  final SiteCallers siteCallers;
  private final boolean framework;

  SharedStack(List<StackTraceElement> frames, int siteIndex, boolean framework, String noSiteText,
      List<StackTraceElement> callers, SiteCallers siteCallers) {
    this.frames = frames;
    this.siteIndex = siteIndex;
    this.framework = framework;
    this.site = siteIndex < 0 ? noSiteText : CapturedStack.format(frames.get(siteIndex)) + (framework ? FRAMEWORK_MARK : "");
    this.callers = callers;
    this.siteCallers = siteCallers;
  }

  static SharedStack none(String text) {
    return new SharedStack(List.of(), -1, false, text, List.of(), null);
  }

  /**
   * {@code Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88)} when the site has been
   * reached along more than one path, else null.
   */
  String path() {
    if (siteCallers == null) {
      return null;
    }
    StackTraceElement caller = siteCallers.distinguishing(callers);
    if (caller == null) {
      return null;
    }
    return CapturedStack.format(frames.get(siteIndex)) + " <- " + CapturedStack.format(caller) + (framework ? FRAMEWORK_MARK : "");
  }
}
