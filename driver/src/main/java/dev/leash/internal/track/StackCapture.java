package dev.leash.internal.track;

import dev.leash.internal.util.LeashPackages;
import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Captures where a connection is being taken, on the application's thread, at every acquisition.
 *
 * <p>A lease's stack is its own: two leases share a stack only when all their kept frames are equal.
 * At acquisition Leash records the stack the way the VM does for any exception (a {@link RawStack}: the
 * same cost HikariCP's leak detection pays, and cheaper than walking {@code leash.stack.depth} frames
 * with {@link StackWalker}, which fills a frame object per frame passed). The frames are worked out only
 * when something asks: a report, the watchdog once a lease is older than {@link #RESOLVE_AFTER_NANOS}
 * (so a held lease keeps a shared stack, not its raw record), a nested check. Resolved stacks are interned
 * by their frame sequence in a bounded table; past the bound a lease keeps its own resolved stack (bounded
 * by the depth, and leases are bounded by the registry).
 *
 * <p>Helper paths: a {@link SiteCallers} per site records the callers seen below it. Besides the leases
 * that get resolved, a sample of acquisitions (the first {@link #WARM_UP} of this owner, then about one in
 * {@link #SAMPLE_EVERY}) is kept in a small ring and resolved before the next resolution, so that a site
 * reached by {@code browse()} thousands of times and by {@code checkout()} once is known to have two paths
 * when {@code checkout()}'s lease is reported. The tables hold names, not classes, so they never keep a
 * class loader alive.
 */
public final class StackCapture {

  /** Distinct stacks (and distinct sites) kept; beyond this, a lease keeps its own stack, unshared. */
  static final int MAX_INTERNED = 4096;
  /** A lease held this long gets its frames worked out by the watchdog, so that it stops holding its raw record. */
  static final long RESOLVE_AFTER_NANOS = 1_000_000_000L;
  /** Frames looked at at most for the site (recursion, deep framework stacks). */
  private static final int MAX_WALK = 1024;
  /** Application frames compared when deciding whether an acquisition is nested. */
  private static final int MAX_COMPARED = 256;
  /** Frames of context kept above the site when the site is deeper than the depth limit. */
  private static final int CONTEXT_ABOVE_SITE = 3;
  private static final String NO_SITE = "(no application frame: taken by a pool or framework thread)";
  /** Acquisitions of an owner that are all offered as samples, so that a short test or a start-up is fully known. */
  static final int WARM_UP = 64;
  private static final int SAMPLE_EVERY = 16;
  private static final int SAMPLE_SLOTS = 16;

  /** Used by the nested check, which walks the live stack of the asking thread. */
  private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), 6);

  private final SiteFilter filter;
  private final int depth;
  private final int maxInterned;
  private final ConcurrentHashMap<List<StackTraceElement>, SharedStack> interned = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<StackTraceElement, SiteCallers> sites = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<RawStack> samples = new AtomicReferenceArray<>(SAMPLE_SLOTS);
  private volatile boolean samplesPending;
  private volatile boolean warm;
  /** Racy on purpose: it only decides when the warm-up ends. */
  private int warmUpTaken;

  public StackCapture(SiteFilter filter, int depth) {
    this(filter, depth, MAX_INTERNED);
  }

  /** With a smaller intern bound, so that tests can prove the bound without thousands of call sites. */
  StackCapture(SiteFilter filter, int depth, int maxInterned) {
    this.filter = filter;
    this.depth = depth;
    this.maxInterned = maxInterned;
  }

  /**
   * Whether capture is off ({@code leash.stack.depth=0}): every lease then has {@link CapturedStack#NONE}, which has
   * no site, so none can be found nested ({@link #isStillRunning} needs the held lease's site).
   */
  public boolean off() {
    return depth == 0;
  }

  /** The stack of the calling thread, to be resolved later. Never throws. */
  public CapturedStack capture() {
    if (depth == 0) {
      return CapturedStack.NONE;
    }
    try {
      RawStack raw = new RawStack();
      sample(raw);
      return new CapturedStack(this, raw);
    } catch (RuntimeException | Error e) {
      // A VM that cannot record a stack (it should not happen) must not break getConnection().
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
    SharedStack s = held.resolve();
    if (s.siteIndex < 0) {
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
   * acquisition line again, not a later one, and is not its own caller.
   *
   * <p>Through one helper ({@code Db.open()}) both sites are the helper's line, and the helper has long returned:
   * then the same two rules are asked of the helper's caller (the held stack's first application frame below its
   * site), from the current site's caller down. {@code place()} that holds a connection from {@code Db.open()} and
   * calls {@code audit()}, which takes another through it, is nested; a leaky {@code checkout()} called again
   * reaches {@code Db.open()} from its same line, a new invocation, and is not.
   */
  static boolean stillRunning(CapturedStack held, List<StackTraceElement> below) {
    if (below.isEmpty()) {
      return false;
    }
    SharedStack s = held.resolve();
    StackTraceElement site = s.frames.get(s.siteIndex);
    if (runsOn(site, below, 0)) {
      return true;
    }
    StackTraceElement helperCaller = s.callers.isEmpty() ? null : s.callers.get(0);
    return helperCaller != null && sameMethod(below.get(0), site) && runsOn(helperCaller, below, 1);
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
   * The first application frame of {@code stack} at or below index {@code from}, as {@code Class.method(File:line)};
   * the first framework frame, marked, when there is none; or null: the line another thread (a waiter, read by
   * the watchdog) is at.
   */
  String applicationFrame(StackTraceElement[] stack, int from) {
    int framework = -1;
    for (int i = Math.max(0, from); i < stack.length; i++) {
      SiteFilter.Kind kind = kind(stack[i].getClassName());
      if (kind == SiteFilter.Kind.APPLICATION) {
        return CapturedStack.format(stack[i]);
      }
      if (kind == SiteFilter.Kind.FRAMEWORK && framework < 0) {
        framework = i;
      }
    }
    return framework < 0 ? null : CapturedStack.format(stack[framework]) + SharedStack.FRAMEWORK_MARK;
  }

  /**
   * The helper path another thread's stack (a waiter, read by the watchdog) is on at its first application
   * frame at or below {@code from}, as in a lease's {@link CapturedStack#path()}; null when that site has been
   * reached along one path only, or has no application frame. Reads what acquisitions recorded, records nothing.
   */
  String pathAt(StackTraceElement[] stack, int from) {
    for (int i = Math.max(0, from); i < stack.length; i++) {
      if (kind(stack[i].getClassName()) != SiteFilter.Kind.APPLICATION) {
        continue;
      }
      SiteCallers known = sites.get(stack[i]);
      if (known == null) {
        return null;
      }
      List<StackTraceElement> frames = Arrays.asList(stack).subList(i, Math.min(stack.length, i + depth));
      StackTraceElement caller = known.distinguishing(callers(frames, 0, false));
      return caller == null ? null : CapturedStack.format(stack[i]) + " <- " + CapturedStack.format(caller);
    }
    return null;
  }

  /** Number of distinct stacks currently shared. */
  public int internedCount() {
    return interned.size();
  }

  /** Works out the frames of {@code raw}, after the pending samples (so that the site's other paths are known). */
  SharedStack resolve(RawStack raw) {
    try {
      drainSamples();
      return resolve(raw.getStackTrace());
    } catch (RuntimeException | Error e) {
      return SharedStack.none(NO_SITE);
    }
  }

  /** Resolves the sampled acquisitions waiting in the ring. Called by the watchdog each pass, and before any resolution. */
  void drainSamples() {
    if (!samplesPending) {
      return;
    }
    samplesPending = false;
    for (int i = 0; i < SAMPLE_SLOTS; i++) {
      RawStack s = samples.getAndSet(i, null);
      if (s != null) {
        resolve(s.getStackTrace());
      }
    }
  }

  /** Offers {@code raw} as a sample of this owner's paths when it is due; a full slot drops it. */
  private void sample(RawStack raw) {
    int slot;
    if (!warm) {
      int n = warmUpTaken++;
      if (n >= WARM_UP) {
        warm = true;
      }
      slot = n;
    } else {
      int r = ThreadLocalRandom.current().nextInt();
      if (r % SAMPLE_EVERY != 0) {
        return;
      }
      slot = r / SAMPLE_EVERY;
    }
    if (samples.compareAndSet(Math.floorMod(slot, SAMPLE_SLOTS), null, raw)) {
      samplesPending = true;
    }
  }

  private SharedStack resolve(StackTraceElement[] all) {
    int top = 0;
    while (top < all.length && isLeash(all[top].getClassName())) {
      top++;
    }
    int site = -1;
    int framework = -1;
    for (int i = top; i < all.length && i < top + MAX_WALK; i++) {
      SiteFilter.Kind kind = kind(all[i].getClassName());
      if (kind == SiteFilter.Kind.APPLICATION) {
        site = i;
        break;
      }
      if (kind == SiteFilter.Kind.FRAMEWORK && framework < 0) {
        framework = i;
      }
    }
    boolean isFramework = site < 0 && framework >= 0;
    if (isFramework) {
      site = framework;
    }
    int from = top;
    int siteIndex = -1;
    if (site >= 0) {
      int above = site - top;
      // Keep up to `depth` frames: the frames above the site while they take at most half of them (how the pool or
      // framework got there), else a little context; the rest for the site and its callers, which name helper paths.
      int context = above <= depth / 2 ? above : Math.min(above, CONTEXT_ABOVE_SITE);
      from = site - context;
      siteIndex = context;
    }
    List<StackTraceElement> frames = List.of(Arrays.copyOfRange(all, from, Math.min(all.length, from + depth)));
    SharedStack known = interned.get(frames);
    if (known != null) {
      return known;
    }
    List<StackTraceElement> callers = siteIndex < 0 ? List.of() : callers(frames, siteIndex, isFramework);
    SiteCallers seen = siteIndex < 0 ? null : siteCallers(frames.get(siteIndex), callers);
    SharedStack made = new SharedStack(frames, siteIndex, isFramework, NO_SITE, callers, seen);
    if (interned.size() >= maxInterned) {
      return made;
    }
    SharedStack raced = interned.putIfAbsent(frames, made);
    return raced != null ? raced : made;
  }

  /** The frames below the site that name a path: application frames, or for a framework site every frame that could be a site. */
  private List<StackTraceElement> callers(List<StackTraceElement> frames, int siteIndex, boolean frameworkSite) {
    List<StackTraceElement> callers = new ArrayList<>();
    for (StackTraceElement f : frames.subList(siteIndex + 1, frames.size())) {
      SiteFilter.Kind kind = kind(f.getClassName());
      if (kind == SiteFilter.Kind.APPLICATION || frameworkSite && kind == SiteFilter.Kind.FRAMEWORK) {
        callers.add(f);
      }
    }
    return List.copyOf(callers);
  }

  private SiteCallers siteCallers(StackTraceElement site, List<StackTraceElement> callers) {
    SiteCallers known = sites.get(site);
    if (known != null) {
      known.seen(callers);
      return known;
    }
    if (sites.size() >= maxInterned) {
      return null;
    }
    SiteCallers made = new SiteCallers(callers);
    SiteCallers raced = sites.putIfAbsent(site, made);
    if (raced != null) {
      raced.seen(callers);
      return raced;
    }
    return made;
  }

  private SiteFilter.Kind kind(String cls) {
    return isLeash(cls) ? SiteFilter.Kind.INFRASTRUCTURE : filter.kind(cls);
  }

  /**
   * True for classes of Leash's own runtime ({@link LeashPackages#RUNTIME}: the wrappers, tracking, the
   * agent's hooks, the reporters), whose frames are never shown at the top of an acquisition stack.
   * Leash's examples and tests are application code.
   */
  public static boolean isLeash(String cls) {
    return LeashPackages.isRuntime(cls);
  }
}
