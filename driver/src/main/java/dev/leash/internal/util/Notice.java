package dev.leash.internal.util;

import java.util.Objects;

/**
 * Something the user should know about how Leash is set up, as data: what Leash cannot see here and why.
 * The tracking core emits it once ({@code LeaseRegistry.noticeOnce}); its sentence is written by the report
 * package alone (INFO on {@code leash.config}, the event names of README's table).
 *
 * <p>Internal: these events are not in PRODUCT.md's event table, so they are no part of the public
 * {@code LeashListener} SPI; only Leash's reporters ({@link NoticeListener}) receive them.
 */
public final class Notice {

  /** What limits Leash; each has its event name and the fields it fills. */
  public enum Kind {
    /** URL mode cannot see a pool's returns, so it tracks none of its borrows: {@link #pool()}. */
    POOL_RETURNS_UNSEEN("leash.tracking.limited"),
    /** This JVM cannot read thread stacks, so URL mode cannot find waiting threads: {@link #failure()}. */
    THREAD_STACKS_UNREADABLE("leash.tracking.limited"),
    /** This JVM cannot dump virtual threads, so URL mode cannot find virtual waiters: {@link #failure()}. */
    VIRTUAL_THREADS_UNREADABLE("leash.tracking.limited"),
    /** More than {@link #limit()} connections were open at once; further ones are not tracked. */
    LEASES_DROPPED("leash.leases.dropped");

    private final String eventName;

    Kind(String eventName) {
      this.eventName = eventName;
    }

    /** {@code leash.tracking.limited} or {@code leash.leases.dropped}. */
    public String eventName() {
      return eventName;
    }
  }

  private final Kind kind;
  private final String pool;
  private final String failure;
  private final int limit;

  private Notice(Kind kind, String pool, String failure, int limit) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.pool = pool;
    this.failure = failure;
    this.limit = limit;
  }

  /** @param pool the pool as users know it ({@code HikariCP}, {@code c3p0}) */
  public static Notice poolReturnsUnseen(String pool) {
    return new Notice(Kind.POOL_RETURNS_UNSEEN, pool, null, 0);
  }

  /** @param failure what the JVM threw, as its {@code toString()} */
  public static Notice threadStacksUnreadable(Throwable failure) {
    return new Notice(Kind.THREAD_STACKS_UNREADABLE, null, String.valueOf(failure), 0);
  }

  /** @param failure what the JVM threw, as its {@code toString()} */
  public static Notice virtualThreadsUnreadable(Throwable failure) {
    return new Notice(Kind.VIRTUAL_THREADS_UNREADABLE, null, String.valueOf(failure), 0);
  }

  /** @param limit the most open leases Leash tracks at once */
  public static Notice leasesDropped(int limit) {
    return new Notice(Kind.LEASES_DROPPED, null, null, limit);
  }

  public Kind kind() {
    return kind;
  }

  /** POOL_RETURNS_UNSEEN: the pool's name; else null. */
  public String pool() {
    return pool;
  }

  /** THREAD_STACKS_UNREADABLE, VIRTUAL_THREADS_UNREADABLE: what the JVM threw; else null. */
  public String failure() {
    return failure;
  }

  /** LEASES_DROPPED: the most open leases Leash tracks at once; else 0. */
  public int limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "Notice{" + kind + (pool != null ? ", pool=" + pool : "") + (failure != null ? ", failure=" + failure : "")
        + (kind == Kind.LEASES_DROPPED ? ", limit=" + limit : "") + "}";
  }
}
