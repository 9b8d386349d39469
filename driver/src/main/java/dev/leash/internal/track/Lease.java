package dev.leash.internal.track;

import dev.leash.event.LeaseView;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * One connection handed to application code and not yet returned.
 *
 * <p>The lease is itself a weak reference to the object the application holds (our wrapper, or a
 * pool's proxy): if that object is garbage-collected while the lease is still open, the registry's
 * reference queue hands the lease to the watchdog and the leak is certain. It holds no strong
 * reference to the connection or to the taking thread.
 *
 * <p>Hot-path cost: starting and ending a lease is one allocation plus a registry insert/remove;
 * statement activity is an atomic add on {@code busy} and a plain increment of {@code uses} (the
 * watchdog samples {@code uses} to tell idle from active, so the application never reads a clock).
 */
public final class Lease extends WeakReference<Object> implements LeaseView {

  static final int SUSPECTED = 1;
  static final int BUSY_REPORTED = 2;
  static final int ENDED = 4;
  static final int CONFIRMED = 8;

  private static final VarHandle BUSY;
  private static final VarHandle USES;
  private static final VarHandle STATE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      BUSY = lookup.findVarHandle(Lease.class, "busy", int.class);
      USES = lookup.findVarHandle(Lease.class, "uses", int.class);
      STATE = lookup.findVarHandle(Lease.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long id;
  private final Pool owner;
  private final long startNanos;
  private final long startMillis;
  private final String threadName;
  private final WeakReference<Thread> thread;
  /** Taken by a virtual thread (JDK 21+): its pool's waiters are then looked for in the JDK's thread dump (URL mode). */
  private final boolean virtual;
  private final CapturedStack stack;
  /** The MDC values of the owner's context keys at acquisition, aligned with them; null when none was set. */
  private final String[] context;
  /** False for a lease past the registry's bound: handed to the hooks but never stored or reported. */
  private final boolean tracked;

  private volatile int busy;
  private int uses;
  private volatile int state;

  /** Key of this lease in the registry's holder index (agent mode), or null when not indexed. */
  volatile Object indexKey;

  // Watchdog-only fields: read and written by the single watchdog thread.
  int lastSeenUses = -1;
  long lastActiveNanos;
  /** The registry's clock, for when a statement starts. */
  private final Clock clock;
  /** When the statement running now started (the first of them, if several run at once); read only while busy. */
  private volatile long statementStartNanos;

  /**
   * @param taker the taking thread, weakly: the calling thread's own reference, shared by all the leases it takes
   *     (one allocation per thread rather than per lease)
   */
  Lease(long id, Pool owner, Object holder, ReferenceQueue<Object> queue, long startNanos, long startMillis,
      WeakReference<Thread> taker, CapturedStack stack, boolean tracked, String[] context, Clock clock) {
    super(holder, queue);
    Thread t = taker.get();
    this.clock = clock;
    this.context = context;
    this.tracked = tracked;
    this.id = id;
    this.owner = owner;
    this.startNanos = startNanos;
    this.startMillis = startMillis;
    this.threadName = ThreadNames.of(t);
    this.virtual = ThreadNames.isVirtual(t);
    this.thread = taker;
    this.stack = stack;
    this.lastActiveNanos = startNanos;
  }

  /** A statement starts executing on the leased connection. */
  public void executeStarted() {
    // One clock read per statement: how long a statement has run is what slow_queries is about, and the hold
    // is no measure of it (see statementNanos).
    // Stamped before the count goes up, so that whoever sees the lease busy also sees this statement's start,
    // never the previous one's (which would count idle time as statement time).
    long now = clock.nanoTime();
    if (busy == 0) {
      statementStartNanos = now;
    }
    BUSY.getAndAdd(this, 1);
  }

  /** The statement finished (normally or not). */
  public void executeEnded() {
    BUSY.getAndAdd(this, -1);
    used();
  }

  /** Any application call on the connection: cheap, racy by design (the watchdog only compares values). */
  public void used() {
    USES.setOpaque(this, (int) USES.getOpaque(this) + 1);
  }

  /**
   * How long the statement running now has been running at {@code now}, or 0 when none runs. Not the held time: a
   * holder may spend hundreds of milliseconds before its statement starts (class loading on a cold JVM, waiting for
   * a core on a busy machine), and counting those made holders of 60 ms statements look like slow queries.
   */
  public long statementNanos(long now) {
    return busy > 0 ? Math.max(0, now - statementStartNanos) : 0;
  }

  /** How long the lease has been held at {@code now}. */
  public long heldNanos(long now) {
    return now - startNanos;
  }

  /**
   * How long no JDBC call was seen on the lease at {@code now}: 0 while busy or when it was used since
   * the watchdog last looked; otherwise the time since the watchdog last saw it active.
   */
  public long idleNanos(long now) {
    int uses = usesSample();
    if (busy > 0) {
      return 0;
    }
    if (lastSeenUses == -1) {
      // Not looked at by the watchdog yet (its tick may still be a longer one's): never used means idle since the start.
      return uses == 0 ? Math.max(0, now - startNanos) : 0;
    }
    if (uses != lastSeenUses) {
      return 0;
    }
    return Math.max(0, now - lastActiveNanos);
  }

  int usesSample() {
    return (int) USES.getOpaque(this) + busy;
  }

  /** Sets {@code flag} unless the lease has ended; true if this call set it. */
  boolean markIfOpen(int flag) {
    int s;
    do {
      s = state;
      if ((s & (ENDED | flag)) != 0) {
        return false;
      }
    } while (!STATE.compareAndSet(this, s, s | flag));
    return true;
  }

  /** Marks the lease ended; returns the state before, or -1 if it had already ended. */
  int markEnded(int extra) {
    int before = (int) STATE.getAndBitwiseOr(this, ENDED | extra);
    return (before & ENDED) != 0 ? -1 : before;
  }

  /** False when the registry was full and this lease is not tracked (see {@link LeaseRegistry#droppedLeases()}). */
  public boolean tracked() {
    return tracked;
  }

  boolean isEnded() {
    return (state & ENDED) != 0;
  }

  @Override
  public long id() {
    return id;
  }

  public Pool owner() {
    return owner;
  }

  @Override
  public String pool() {
    return owner.name();
  }

  @Override
  public String db() {
    return owner.db();
  }

  @Override
  public String threadName() {
    return threadName;
  }

  /** Whether a virtual thread took it. */
  public boolean takenByVirtualThread() {
    return virtual;
  }

  /** The taking thread if it is still alive; null otherwise. Never keeps it alive. */
  public Thread liveThread() {
    Thread t = thread.get();
    return t != null && t.isAlive() ? t : null;
  }

  @Override
  public String site() {
    return stack.site();
  }

  @Override
  public String path() {
    return stack.path();
  }

  /** The path when the site has several, else the site: what a report names and holders are grouped by. */
  public String where() {
    return stack.where();
  }

  @Override
  public List<StackTraceElement> stack() {
    return stack.frames();
  }

  @Override
  public java.util.Map<String, String> context() {
    return LeaseContext.asMap(owner.contextKeys(), context);
  }

  @Override
  public Pool poolView() {
    return owner;
  }

  public CapturedStack capturedStack() {
    return stack;
  }

  @Override
  public long startedAtMillis() {
    return startMillis;
  }

  public long startNanos() {
    return startNanos;
  }

  @Override
  public boolean busy() {
    return busy > 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id * 0x9E3779B97F4A7C15L);
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public String toString() {
    return "Lease#" + id + "[" + owner.name() + ", " + stack.site() + ", " + threadName + "]";
  }
}
