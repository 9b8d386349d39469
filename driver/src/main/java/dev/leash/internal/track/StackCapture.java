package dev.leash.internal.track;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Captures where a connection is being taken, on the application's thread, at every acquisition.
 *
 * <p>Measured (benchmarks/CaptureBenchmark, JDK 17): walking 32 frames with {@link StackWalker}
 * costs 10–30 µs, because the walker fills every frame it passes; {@code new Throwable()} costs
 * 1–4 µs but keeps the whole raw stack alive per lease; walking only until the first application
 * frame costs about 1.6 µs whatever the depth. So each acquisition walks only to its site, and the
 * site frame (class, method, bytecode index) is the key of an intern table: the first acquisition
 * from a site pays once for the full bounded stack, every later one shares it. The stack a lease
 * shows is therefore the representative stack of its site (the file and line of the site are always
 * exact). The table holds names, not classes, so it never keeps a class loader alive; it is bounded,
 * and past the bound a stack holds only its site frame.
 */
public final class StackCapture {

  /** Distinct sites kept; beyond this, leases get a one-frame stack (their site). */
  static final int MAX_INTERNED = 4096;
  /** Frames walked at most looking for the site (recursion, deep framework stacks). */
  private static final int MAX_WALK = 1024;
  /** Application frames compared when deciding whether an acquisition is nested. */
  private static final int MAX_COMPARED = 256;
  /** Frames of context kept above the site when the site is deeper than the depth limit. */
  private static final int CONTEXT_ABOVE_SITE = 3;
  private static final String NO_SITE = "(no application frame: taken by a pool or framework thread)";

  /**
   * Sized so that the first batch the walker fetches reaches the site: Leash's own frames plus a pool's
   * and a framework's come before it, and the default first batch (8 frames) made every walk fetch twice.
   */
  private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), 6);

  private final SiteFilter filter;
  private final int depth;
  private final ConcurrentHashMap<SiteKey, CapturedStack> interned = new ConcurrentHashMap<>();
  // Bound once: a method reference written at the call site would allocate on every acquisition.
  private final java.util.function.Function<Stream<StackFrame>, SiteKey> findSite = this::findSite;
  private volatile CapturedStack noSite;

  private final int maxInterned;

  public StackCapture(SiteFilter filter, int depth) {
    this(filter, depth, MAX_INTERNED);
  }

  /** With a smaller intern bound, so that tests can prove the bound without thousands of call sites. */
  StackCapture(SiteFilter filter, int depth, int maxInterned) {
    this.filter = filter;
    this.depth = depth;
    this.maxInterned = maxInterned;
  }

  /** The stack of the calling thread, Leash's own frames at the top left out. Never throws. */
  public CapturedStack capture() {
    if (depth == 0) {
      return CapturedStack.NONE;
    }
    try {
      SiteKey key = WALKER.walk(findSite);
      if (key == null) {
        return noSiteStack();
      }
      CapturedStack known = interned.get(key);
      return known != null ? known : first(key);
    } catch (RuntimeException | Error e) {
      // A JVM that cannot walk (it should not happen) must not break getConnection().
      return CapturedStack.NONE;
    }
  }

  /** The filter that decides what is application code for this owner. */
  public SiteFilter filter() {
    return filter;
  }

  /**
   * Whether the method invocation that took {@code held} is still running on the calling thread, as it
   * asks for another connection now: true for a real nested acquisition, false for a connection the thread
   * took earlier and forgot (a leak), which must not be called nested. See {@link #stillRunning}.
   */
  public boolean isStillRunning(CapturedStack held) {
    if (held.siteIndex() < 0) {
      return false;
    }
    try {
      List<StackTraceElement> below = WALKER.walk(frames -> {
        List<StackTraceElement> from = new ArrayList<>();
        for (Iterator<StackFrame> it = frames.limit(MAX_WALK).iterator(); it.hasNext() && from.size() < MAX_COMPARED; ) {
          StackFrame f = it.next();
          if (!from.isEmpty() || !isLeash(f.getClassName()) && filter.isApplication(f.getClassName())) {
            from.add(f.toStackTraceElement());
          }
        }
        return from;
      });
      return stillRunning(held, below);
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  /**
   * The same question about another thread, read from its current stack (top first): {@code from} is the
   * index below the pool's acquisition frames, where that thread's application code starts.
   */
  boolean isStillRunning(CapturedStack held, StackTraceElement[] stack, int from) {
    if (held.siteIndex() < 0) {
      return false;
    }
    List<StackTraceElement> below = new ArrayList<>();
    for (int i = Math.max(0, from); i < stack.length && below.size() < MAX_COMPARED; i++) {
      if (!below.isEmpty() || !isLeash(stack[i].getClassName()) && filter.isApplication(stack[i].getClassName())) {
        below.add(stack[i]);
      }
    }
    return stillRunning(held, below);
  }

  /**
   * {@code below} is the asking thread's stack from its current site (the first application frame) down.
   * The invocation that took {@code held} is still running when:
   * <ul>
   *   <li>the current site is the held site's method at a later line: the same invocation went on (a
   *       loop taking again at the same line is a new lease, not a nested one);
   *   <li>the held site's method is a caller of the current site: the outer method called the inner one.
   * </ul>
   * A method that leaked a connection and is called again is a new invocation: it reaches its
   * acquisition line again, not a later one, and is not its own caller. For the same reason two
   * acquisitions through one helper ({@code Db.open()}) are not called nested from the stack: the helper's
   * caller taking a second connection a few lines down looks exactly like a leaky helper called again.
   */
  static boolean stillRunning(CapturedStack held, List<StackTraceElement> below) {
    if (below.isEmpty()) {
      return false;
    }
    return runsOn(held.frames().get(held.siteIndex()), below, 0);
  }

  /** Whether {@code frame}'s invocation still runs at {@code below[at]}: a later line there, or a caller further down. */
  private static boolean runsOn(StackTraceElement frame, List<StackTraceElement> below, int at) {
    if (at >= below.size()) {
      return false;
    }
    StackTraceElement here = below.get(at);
    if (sameMethod(here, frame) && frame.getLineNumber() > 0 && here.getLineNumber() > frame.getLineNumber()) {
      return true;
    }
    for (int i = at + 1; i < below.size(); i++) {
      if (sameMethod(below.get(i), frame)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameMethod(StackTraceElement a, StackTraceElement b) {
    return a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName());
  }

  /**
   * The first application frame of {@code stack} at or below index {@code from}, as {@code Class.method(File:line)},
   * or null: the line another thread (a waiter, read by the watchdog) is at.
   */
  String applicationFrame(StackTraceElement[] stack, int from) {
    for (int i = Math.max(0, from); i < stack.length; i++) {
      String cls = stack[i].getClassName();
      if (!isLeash(cls) && filter.isApplication(cls)) {
        return CapturedStack.format(stack[i]);
      }
    }
    return null;
  }

  /** Number of distinct sites currently shared. */
  public int internedCount() {
    return interned.size();
  }

  /** The key of the first application frame, walking no further than it. */
  private SiteKey findSite(Stream<StackFrame> stream) {
    int n = 0;
    for (Iterator<StackFrame> it = stream.iterator(); it.hasNext() && n < MAX_WALK; n++) {
      StackFrame f = it.next();
      String cls = f.getClassName();
      if (!isLeash(cls) && filter.isApplication(cls)) {
        return new SiteKey(cls, f.getMethodName(), f.getByteCodeIndex());
      }
    }
    return null;
  }

  /** The first acquisition from a site: walk again, this time keeping the bounded window of frames. */
  private CapturedStack first(SiteKey key) {
    CapturedStack made = WALKER.walk(this::window);
    if (interned.size() >= maxInterned) {
      return made.siteIndex() < 0 ? made : made.siteOnly();
    }
    CapturedStack raced = interned.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  private CapturedStack noSiteStack() {
    CapturedStack s = noSite;
    if (s == null) {
      s = WALKER.walk(this::window);
      noSite = s;
    }
    return s;
  }

  private CapturedStack window(Stream<StackFrame> stream) {
    List<StackTraceElement> frames = new ArrayList<>(depth + CONTEXT_ABOVE_SITE);
    List<StackFrame> above = new ArrayList<>();
    int site = -1;
    for (Iterator<StackFrame> it = stream.iterator(); it.hasNext() && above.size() + frames.size() < MAX_WALK; ) {
      StackFrame f = it.next();
      String cls = f.getClassName();
      if (frames.isEmpty() && above.isEmpty() && isLeash(cls)) {
        continue;
      }
      if (site < 0 && !isLeash(cls) && filter.isApplication(cls)) {
        // Keep up to `depth` frames: a little context above the site when the site is deep, then the site and its callers.
        int context = Math.min(above.size(), above.size() < depth ? above.size() : CONTEXT_ABOVE_SITE);
        for (StackFrame a : above.subList(above.size() - context, above.size())) {
          frames.add(a.toStackTraceElement());
        }
        site = frames.size();
      }
      if (site < 0) {
        above.add(f);
        continue;
      }
      if (frames.size() >= depth) {
        break;
      }
      frames.add(f.toStackTraceElement());
    }
    if (site < 0) {
      for (StackFrame a : above.subList(0, Math.min(depth, above.size()))) {
        frames.add(a.toStackTraceElement());
      }
    }
    return new CapturedStack(frames.toArray(new StackTraceElement[0]), site, NO_SITE);
  }

  /**
   * True for classes of Leash's own runtime (the wrappers, tracking, the agent's hooks), whose frames
   * are never shown at the top of an acquisition stack. Leash's examples and tests are application code.
   */
  public static boolean isLeash(String cls) {
    return cls.startsWith("dev.leash.internal.") || cls.startsWith("dev.leash.jdbc.") || cls.startsWith("dev.leash.agent.");
  }

  /** A site frame: class, method and bytecode index (the line follows from them). */
  private static final class SiteKey {
    private final String cls;
    private final String method;
    private final int bci;
    private final int hash;

    SiteKey(String cls, String method, int bci) {
      this.cls = cls;
      this.method = method;
      this.bci = bci;
      this.hash = 31 * (31 * cls.hashCode() + method.hashCode()) + bci;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof SiteKey)) {
        return false;
      }
      SiteKey k = (SiteKey) o;
      return bci == k.bci && cls.equals(k.cls) && method.equals(k.method);
    }
  }
}
