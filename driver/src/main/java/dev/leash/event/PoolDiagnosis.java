package dev.leash.event;

import java.util.Objects;

/**
 * Why a pool ran dry, as data: the {@link Cause} Leash decided on and the measurements behind it. Each
 * cause fills the evidence fields its documentation names; the others are 0, -1 or null. The sentence a
 * log line shows is written from these fields by Leash's report package, never stored here.
 */
public final class PoolDiagnosis {

  /** The causes of PRODUCT.md's diagnosis, each with the code of the {@code diagnosis} key-value. */
  public enum Cause {
    LEAK("leak"),
    POOL_TOO_SMALL("pool_too_small"),
    SLOW_QUERIES("slow_queries"),
    DATABASE_UNAVAILABLE("database_unavailable"),
    NESTED_ACQUISITION("nested_acquisition");

    private final String code;

    Cause(String code) {
      this.code = code;
    }

    /** {@code leak}, {@code pool_too_small}, ...: the value of the {@code diagnosis} key-value. */
    public String code() {
      return code;
    }
  }

  /**
   * Holders whose threads wait on a remote call (a socket read, an HTTP client) while their connection is
   * idle: {@code count} of {@code idleHolders}, one example frame and where that holder took its connection.
   */
  public static final class RemoteCalls {
    private final int count;
    private final int idleHolders;
    private final String frame;
    private final String takenAt;

    public RemoteCalls(int count, int idleHolders, String frame, String takenAt) {
      this.count = count;
      this.idleHolders = idleHolders;
      this.frame = frame;
      this.takenAt = takenAt;
    }

    public int count() {
      return count;
    }

    public int idleHolders() {
      return idleHolders;
    }

    /** One remote-call frame, {@code java.net.SocketInputStream.read(...)}. */
    public String frame() {
      return frame;
    }

    /** Where that holder took its connection (its path, else its site). */
    public String takenAt() {
      return takenAt;
    }
  }

  /** The evidence of one diagnosis; set the fields the cause uses, leave the others. */
  public static final class Evidence {
    /** Connections the count is "of": the maximum, or those in use when the maximum is unknown. */
    public int ofConnections;
    /** The pool's maximum, or -1. */
    public int max = -1;
    /** Connections the pool has open (active + idle), or -1. */
    public int open = -1;
    /** Connections in use. */
    public int inUse;
    /** DATABASE_UNAVAILABLE: the database URL (masked) and what the pool or its connects said, or null. */
    public String db;
    public String failure;
    /** DATABASE_UNAVAILABLE: how long a connect in progress had taken, when that is the evidence; else 0. */
    public long connectingMillis;
    /** DATABASE_UNAVAILABLE: the pool timed out with fewer connections open than its maximum. */
    public boolean belowMaximum;
    /** NESTED_ACQUISITION: waiting threads that hold a connection already, of all waiting. */
    public int nestedWaiting;
    public int waiting;
    /** NESTED_ACQUISITION: where the held connection was taken and where the second is asked for, or null. */
    public String heldAt;
    public String secondAt;
    /** LEAK and SLOW_QUERIES: the leases that explain it, and the group most of them belong to. */
    public int count;
    public String where;
    /** LEAK: the leases of {@link #where}, and how long they were idle (SLOW_QUERIES: held), in ms. */
    public int whereCount;
    public long minMillis;
    public long maxMillis;
    /** LEAK: connections garbage-collected without close(), and where the last was taken. */
    public int lost;
    public String lostSite;
    /** POOL_TOO_SMALL: peak demand (in use + waiting) in the last minute and the maximum Leash suggests. */
    public int peakDemand;
    public int suggestedMaximum;
    /** POOL_TOO_SMALL: mean hold time (negative when not measured), acquisitions per second, Little's law. */
    public double meanHoldMillis = -1;
    public double ratePerSecond;
    public double busyOnAverage;
  }

  private final Cause cause;
  private final int ofConnections;
  private final int max;
  private final int open;
  private final int inUse;
  private final String db;
  private final String failure;
  private final long connectingMillis;
  private final boolean belowMaximum;
  private final int nestedWaiting;
  private final int waiting;
  private final String heldAt;
  private final String secondAt;
  private final int count;
  private final String where;
  private final int whereCount;
  private final long minMillis;
  private final long maxMillis;
  private final int lost;
  private final String lostSite;
  private final int peakDemand;
  private final int suggestedMaximum;
  private final double meanHoldMillis;
  private final double ratePerSecond;
  private final double busyOnAverage;
  private final RemoteCalls remoteCalls;

  /** @param remoteCalls the remote-call hint, or null when the holders show none */
  public PoolDiagnosis(Cause cause, Evidence e, RemoteCalls remoteCalls) {
    this.cause = Objects.requireNonNull(cause, "cause");
    this.ofConnections = e.ofConnections;
    this.max = e.max;
    this.open = e.open;
    this.inUse = e.inUse;
    this.db = e.db;
    this.failure = e.failure;
    this.connectingMillis = e.connectingMillis;
    this.belowMaximum = e.belowMaximum;
    this.nestedWaiting = e.nestedWaiting;
    this.waiting = e.waiting;
    this.heldAt = e.heldAt;
    this.secondAt = e.secondAt;
    this.count = e.count;
    this.where = e.where;
    this.whereCount = e.whereCount;
    this.minMillis = e.minMillis;
    this.maxMillis = e.maxMillis;
    this.lost = e.lost;
    this.lostSite = e.lostSite;
    this.peakDemand = e.peakDemand;
    this.suggestedMaximum = e.suggestedMaximum;
    this.meanHoldMillis = e.meanHoldMillis;
    this.ratePerSecond = e.ratePerSecond;
    this.busyOnAverage = e.busyOnAverage;
    this.remoteCalls = remoteCalls;
  }

  public Cause cause() {
    return cause;
  }

  /** The cause's code, as in the {@code diagnosis} key-value. */
  public String code() {
    return cause.code();
  }

  /** The denominator of "7 of 10 connections": the maximum, or the connections in use when it is unknown. */
  public int ofConnections() {
    return ofConnections;
  }

  public int max() {
    return max;
  }

  /** Connections the pool has open (active + idle), or -1 when it does not say. */
  public int open() {
    return open;
  }

  public int inUse() {
    return inUse;
  }

  public String db() {
    return db;
  }

  /** DATABASE_UNAVAILABLE: the pool's exception message or what its connects did, or null. */
  public String failure() {
    return failure;
  }

  /** DATABASE_UNAVAILABLE: how long a connect in progress had taken when no failure message was seen; else 0. */
  public long connectingMillis() {
    return connectingMillis;
  }

  /** DATABASE_UNAVAILABLE: decided because the pool timed out below its maximum ({@link #open()} of {@link #max()}). */
  public boolean belowMaximum() {
    return belowMaximum;
  }

  public int nestedWaiting() {
    return nestedWaiting;
  }

  public int waiting() {
    return waiting;
  }

  public String heldAt() {
    return heldAt;
  }

  public String secondAt() {
    return secondAt;
  }

  /** LEAK: leases held idle that look leaked; SLOW_QUERIES: leases busy in statements past the wait threshold. */
  public int count() {
    return count;
  }

  /** The path (else site) of the group most of {@link #count()} belong to, or null. */
  public String where() {
    return where;
  }

  /** How many of {@link #count()} are at {@link #where()}. */
  public int whereCount() {
    return whereCount;
  }

  /** LEAK: the idle times at {@link #where()}; SLOW_QUERIES: the held times; in milliseconds. */
  public long minMillis() {
    return minMillis;
  }

  public long maxMillis() {
    return maxMillis;
  }

  public int lost() {
    return lost;
  }

  public String lostSite() {
    return lostSite;
  }

  public int peakDemand() {
    return peakDemand;
  }

  public int suggestedMaximum() {
    return suggestedMaximum;
  }

  /** Negative when no hold was measured in the last minute. */
  public double meanHoldMillis() {
    return meanHoldMillis;
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }

  public double busyOnAverage() {
    return busyOnAverage;
  }

  /** The remote-call hint, or null. */
  public RemoteCalls remoteCalls() {
    return remoteCalls;
  }

  @Override
  public String toString() {
    return "PoolDiagnosis{" + cause.code() + ", of=" + ofConnections + ", count=" + count + ", where=" + where + "}";
  }
}
