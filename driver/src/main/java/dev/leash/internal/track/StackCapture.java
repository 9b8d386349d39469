package dev.leash.internal.track;

import java.lang.StackWalker.StackFrame;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Captures where a connection is being taken, on the application's thread, at every acquisition.
 *
 * <p>Why {@link StackWalker} and not {@code new Throwable()}: the walker stops as soon as it has the
 * site and the bounded window around it, and it reads class, method and bytecode index without
 * building {@link StackTraceElement}s. Those (with file and line) are built only the first time a
 * given stack is seen; later acquisitions from the same place find it in the intern table, so
 * 10,000 leases from one call site share one stack. The table holds class names, not classes, so
 * it never keeps a class loader alive.
 */
public final class StackCapture {

  /** Distinct stacks kept; beyond this, stacks are still captured but not shared. */
  static final int MAX_INTERNED = 4096;
  /** Frames walked at most looking for the site (recursion, deep framework stacks). */
  private static final int MAX_WALK = 1024;
  /** Frames of context kept above the site when the site is deeper than the depth limit. */
  private static final int CONTEXT_ABOVE_SITE = 3;
  private static final String NO_SITE = "(no application frame: taken by a pool or framework thread)";

  private static final StackWalker WALKER = StackWalker.getInstance();

  private final SiteFilter filter;
  private final int depth;
  private final ConcurrentHashMap<FrameKey, CapturedStack> interned = new ConcurrentHashMap<>();

  public StackCapture(SiteFilter filter, int depth) {
    this.filter = filter;
    this.depth = depth;
  }

  /** The stack of the calling thread, Leash's own frames at the top left out. Never throws. */
  public CapturedStack capture() {
    if (depth == 0) {
      return CapturedStack.NONE;
    }
    try {
      return WALKER.walk(this::collect);
    } catch (RuntimeException | Error e) {
      // A JVM that cannot walk (it should not happen) must not break getConnection().
      return CapturedStack.NONE;
    }
  }

  /** Number of distinct stacks currently shared. */
  public int internedCount() {
    return interned.size();
  }

  private CapturedStack collect(Stream<StackFrame> stream) {
    StackFrame[] buf = new StackFrame[Math.min(depth + 16, MAX_WALK)];
    int n = 0;
    int site = -1;
    int stopAt = MAX_WALK;
    for (java.util.Iterator<StackFrame> it = stream.iterator(); it.hasNext() && n < stopAt; ) {
      StackFrame f = it.next();
      String cls = f.getClassName();
      if (n == 0 && isLeash(cls)) {
        continue;
      }
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_WALK));
      }
      if (site < 0 && filter.isApplication(cls)) {
        site = n;
        stopAt = Math.max(depth, site - CONTEXT_ABOVE_SITE + depth);
      }
      buf[n++] = f;
    }
    int from = (site < depth) ? 0 : site - CONTEXT_ABOVE_SITE;
    int to = Math.min(n, from + depth);
    return intern(buf, from, to, site < 0 ? -1 : site - from);
  }

  /**
   * True for classes of Leash's own runtime (the wrappers, tracking, the agent's hooks), whose frames
   * are never shown at the top of an acquisition stack. Leash's examples and tests are application code.
   */
  public static boolean isLeash(String cls) {
    return cls.startsWith("dev.leash.internal.") || cls.startsWith("dev.leash.jdbc.") || cls.startsWith("dev.leash.agent.");
  }

  private CapturedStack intern(StackFrame[] frames, int from, int to, int siteIndex) {
    FrameKey key = new FrameKey(frames, from, to);
    CapturedStack known = interned.get(key);
    if (known != null) {
      return known;
    }
    StackTraceElement[] elements = new StackTraceElement[to - from];
    for (int i = from; i < to; i++) {
      elements[i - from] = frames[i].toStackTraceElement();
    }
    CapturedStack made = new CapturedStack(elements, siteIndex, NO_SITE);
    if (interned.size() >= MAX_INTERNED) {
      return made;
    }
    CapturedStack raced = interned.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  /** Identity of a stack without line numbers: class, method and bytecode index of each frame. */
  private static final class FrameKey {
    private final String[] classes;
    private final String[] methods;
    private final int[] bcis;
    private final int hash;

    FrameKey(StackFrame[] frames, int from, int to) {
      int len = to - from;
      classes = new String[len];
      methods = new String[len];
      bcis = new int[len];
      int h = 1;
      for (int i = 0; i < len; i++) {
        StackFrame f = frames[from + i];
        classes[i] = f.getClassName();
        methods[i] = f.getMethodName();
        bcis[i] = f.getByteCodeIndex();
        h = 31 * (31 * (31 * h + classes[i].hashCode()) + methods[i].hashCode()) + bcis[i];
      }
      hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof FrameKey)) {
        return false;
      }
      FrameKey k = (FrameKey) o;
      return hash == k.hash && Arrays.equals(bcis, k.bcis) && Arrays.equals(classes, k.classes) && Arrays.equals(methods, k.methods);
    }
  }
}
