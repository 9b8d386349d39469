package dev.leash.benchmarks;

import dev.leash.benchmarks.framework.BorrowHook;
import java.lang.StackWalker.Option;
import java.lang.StackWalker.StackFrame;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ways of recording where a connection was borrowed, compared by {@link CaptureBenchmark}.
 * Each one (except {@link #THROWABLE_LAZY} and {@link #STACK_WALKER_SITE_ONLY}) returns a
 * {@link CapturedSite} with the site's class, method, file and line and a stack of at most
 * {@link #MAX_DEPTH} frames starting at the site.
 *
 * <p>The capturing code must stay in classes named {@code dev.leash.benchmarks.Capture*}: those
 * frames sit on top of the stack when a {@code Throwable} is filled in, and the filter excludes them.
 */
enum CaptureStrategy implements BorrowHook {

  /** Recursion only: subtract from the others. */
  BASELINE {
    @Override
    public Object onBorrow() {
      return CapturedSite.UNKNOWN;
    }
  },

  /** Capture now, decide later: the stack stays in the VM's backtrace until {@link #resolve}. */
  THROWABLE_LAZY {
    @Override
    public Object onBorrow() {
      return new Throwable();
    }
  },

  /** What HikariCP's leak detection pays, plus picking the site and copying the bounded stack. */
  THROWABLE_GET_STACK_TRACE {
    @Override
    public Object onBorrow() {
      return pick(new Throwable().getStackTrace());
    }
  },

  THREAD_GET_STACK_TRACE {
    @Override
    public Object onBorrow() {
      return pick(Thread.currentThread().getStackTrace());
    }
  },

  /** Site only, no stack. */
  STACK_WALKER_SITE_ONLY {
    @Override
    public Object onBorrow() {
      StackTraceElement site = WALKER.walk(SITE_ONLY);
      return site == null ? CapturedSite.UNKNOWN : CapturedSite.of(site, null);
    }
  },

  /** As {@link #STACK_WALKER_SITE_ONLY} with the per-class-name memo instead of the raw scan. */
  STACK_WALKER_SITE_ONLY_MEMO {
    @Override
    public Object onBorrow() {
      StackTraceElement site = WALKER.walk(SITE_ONLY_MEMO);
      return site == null ? CapturedSite.UNKNOWN : CapturedSite.of(site, null);
    }
  },

  /** The candidate: names and bytecode indexes, dedup lookup, site materialised every time. */
  STACK_WALKER_BOUNDED {
    @Override
    public Object onBorrow() {
      return WALKER.walk(BOUNDED);
    }
  },

  /** As {@link #STACK_WALKER_BOUNDED} but the filter memoises per class-name string. */
  STACK_WALKER_BOUNDED_MEMO {
    @Override
    public Object onBorrow() {
      return WALKER.walk(BOUNDED_MEMO);
    }
  },

  /**
   * As {@link #STACK_WALKER_BOUNDED_MEMO} but the site's element is taken from the deduplicated
   * stack: the key holds the site's bytecode index, so its line cannot differ.
   */
  STACK_WALKER_BOUNDED_CACHED_SITE {
    @Override
    public Object onBorrow() {
      return WALKER.walk(BOUNDED_CACHED_SITE);
    }
  },

  /** Bounded walk, every frame materialised every time, no dedup. */
  STACK_WALKER_BOUNDED_FULL {
    @Override
    public Object onBorrow() {
      return WALKER.walk(BOUNDED_FULL);
    }
  },

  /**
   * Diagnostic floor, not a usable capture: the bounded walk reading only class names and bytecode
   * indexes (no method names, no key, no site element). Shows what the walk itself costs.
   */
  STACK_WALKER_WALK_ONLY {
    @Override
    public Object onBorrow() {
      return WALKER.walk(WALK_ONLY);
    }
  },

  /** Keyed by {@code Class} objects, filtered with a {@code ClassValue}; the cache pins classes. */
  STACK_WALKER_CLASS_REFS {
    @Override
    public Object onBorrow() {
      return CLASS_WALKER.walk(CLASS_REFS);
    }
  };

  static final int MAX_DEPTH = 32;

  static final SiteFilter FILTER = new SiteFilter(SiteFilter.DEFAULT_EXCLUDED);

  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final StackWalker CLASS_WALKER =
      StackWalker.getInstance(Option.RETAIN_CLASS_REFERENCE);

  private static final ConcurrentHashMap<FrameKey, StackTraceElement[]> STACKS =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<FrameKey, StackTraceElement[]> CLASS_STACKS =
      new ConcurrentHashMap<>();

  private static final Function<Stream<StackFrame>, StackTraceElement> SITE_ONLY =
      s -> s.filter(f -> !FILTER.scan(f.getClassName()))
          .findFirst()
          .map(StackFrame::toStackTraceElement)
          .orElse(null);

  private static final Function<Stream<StackFrame>, StackTraceElement> SITE_ONLY_MEMO =
      s -> s.filter(f -> !FILTER.memo(f.getClassName()))
          .findFirst()
          .map(StackFrame::toStackTraceElement)
          .orElse(null);

  private static final int DEDUP = 0;
  private static final int DEDUP_CACHED_SITE = 1;
  private static final int FULL = 2;

  private static final Function<Stream<StackFrame>, CapturedSite> BOUNDED =
      s -> bounded(s, false, DEDUP);
  private static final Function<Stream<StackFrame>, CapturedSite> BOUNDED_MEMO =
      s -> bounded(s, true, DEDUP);
  private static final Function<Stream<StackFrame>, CapturedSite> BOUNDED_CACHED_SITE =
      s -> bounded(s, true, DEDUP_CACHED_SITE);
  private static final Function<Stream<StackFrame>, CapturedSite> BOUNDED_FULL =
      s -> bounded(s, false, FULL);
  private static final Function<Stream<StackFrame>, Object> WALK_ONLY =
      CaptureStrategy::walkOnly;
  private static final Function<Stream<StackFrame>, CapturedSite> CLASS_REFS =
      CaptureStrategy::boundedByClass;

  /** For {@link #THROWABLE_LAZY}: what the lazy capture turns into when a leak is reported. */
  static CapturedSite resolve(Throwable captured) {
    return pick(captured.getStackTrace());
  }

  private static CapturedSite pick(StackTraceElement[] trace) {
    for (int i = 0; i < trace.length; i++) {
      if (!FILTER.scan(trace[i].getClassName())) {
        return CapturedSite.of(
            trace[i], Arrays.copyOfRange(trace, i, Math.min(trace.length, i + MAX_DEPTH)));
      }
    }
    return CapturedSite.UNKNOWN;
  }

  /**
   * Walks past excluded frames, then records up to {@link #MAX_DEPTH} frames from the site on. The
   * iterator stops the walk early, so the VM only fetches the frames we look at (the equivalent of
   * {@code dropWhile(excluded).limit(MAX_DEPTH)} without the stream pipeline).
   */
  private static CapturedSite bounded(Stream<StackFrame> frames, boolean memo, int mode) {
    Iterator<StackFrame> it = frames.iterator();
    StackFrame[] kept = null;
    String[] classes = null;
    String[] methods = null;
    int[] bcis = null;
    int n = 0;
    while (it.hasNext()) {
      StackFrame f = it.next();
      String className = f.getClassName();
      if (kept == null) {
        if (memo ? FILTER.memo(className) : FILTER.scan(className)) {
          continue;
        }
        kept = new StackFrame[MAX_DEPTH];
        classes = new String[MAX_DEPTH];
        methods = new String[MAX_DEPTH];
        bcis = new int[MAX_DEPTH];
      }
      kept[n] = f;
      classes[n] = className;
      methods[n] = f.getMethodName();
      bcis[n] = f.getByteCodeIndex();
      if (++n == MAX_DEPTH) {
        break;
      }
    }
    if (kept == null) {
      return CapturedSite.UNKNOWN;
    }
    if (mode == FULL) {
      StackTraceElement[] stack = materialise(kept, n);
      return CapturedSite.of(stack[0], stack);
    }
    StackTraceElement[] stack = dedup(STACKS, new FrameKey(classes, methods, bcis, n), kept, n);
    StackTraceElement site = mode == DEDUP_CACHED_SITE ? stack[0] : kept[0].toStackTraceElement();
    return CapturedSite.of(site, stack);
  }

  private static Object walkOnly(Stream<StackFrame> frames) {
    Iterator<StackFrame> it = frames.iterator();
    int n = 0;
    long sum = 0;
    while (it.hasNext()) {
      StackFrame f = it.next();
      String className = f.getClassName();
      if (n == 0 && FILTER.memo(className)) {
        continue;
      }
      sum += className.length() + f.getByteCodeIndex();
      if (++n == MAX_DEPTH) {
        break;
      }
    }
    return sum;
  }

  private static CapturedSite boundedByClass(Stream<StackFrame> frames) {
    Iterator<StackFrame> it = frames.iterator();
    StackFrame[] kept = null;
    Class<?>[] classes = null;
    String[] methods = null;
    int[] bcis = null;
    int n = 0;
    while (it.hasNext()) {
      StackFrame f = it.next();
      Class<?> type = f.getDeclaringClass();
      if (kept == null) {
        if (FILTER.byClass(type)) {
          continue;
        }
        kept = new StackFrame[MAX_DEPTH];
        classes = new Class<?>[MAX_DEPTH];
        methods = new String[MAX_DEPTH];
        bcis = new int[MAX_DEPTH];
      }
      kept[n] = f;
      classes[n] = type;
      methods[n] = f.getMethodName();
      bcis[n] = f.getByteCodeIndex();
      if (++n == MAX_DEPTH) {
        break;
      }
    }
    if (kept == null) {
      return CapturedSite.UNKNOWN;
    }
    StackTraceElement[] stack =
        dedup(CLASS_STACKS, new FrameKey(classes, methods, bcis, n), kept, n);
    return CapturedSite.of(kept[0].toStackTraceElement(), stack);
  }

  /** Materialises the stack only the first time this key is seen; later leases share the array. */
  private static StackTraceElement[] dedup(
      ConcurrentHashMap<FrameKey, StackTraceElement[]> cache, FrameKey key, StackFrame[] kept,
      int n) {
    StackTraceElement[] stack = cache.get(key);
    if (stack == null) {
      stack = materialise(kept, n);
      StackTraceElement[] raced = cache.putIfAbsent(key.trimmed(), stack);
      if (raced != null) {
        stack = raced;
      }
    }
    return stack;
  }

  private static StackTraceElement[] materialise(StackFrame[] kept, int n) {
    StackTraceElement[] stack = new StackTraceElement[n];
    for (int i = 0; i < n; i++) {
      stack[i] = kept[i].toStackTraceElement();
    }
    return stack;
  }
}
