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

  /**
   * The measurements a diagnosis is made of, fixed when it is made. Applications read them through
   * {@link PoolDiagnosis}'s accessors of the same names, which say what each one means and which cause fills it;
   * a cause leaves the ones it does not use at 0, -1 ({@code max}, {@code open}, {@code meanHoldMillis}) or null.
   *
   * <p>Leash implements this interface (its immutable implementation is internal) so that a new measurement is a
   * new method, not a new constructor argument; an application has no reason to implement it, and one that does
   * must expect methods to be added. Rule for Leash's own code: every method added after 0.1 is a {@code default}
   * method (returning the "not used" value above), so that an implementation compiled against an older version
   * still loads and Leash's formatter never meets an {@code AbstractMethodError}.
   */
  public interface Evidence {
    int ofConnections();

    int max();

    int open();

    int inUse();

    String db();

    String failure();

    long connectingMillis();

    boolean belowMaximum();

    int nestedWaiting();

    int waiting();

    String heldAt();

    String secondAt();

    int count();

    String where();

    int whereCount();

    long minMillis();

    long maxMillis();

    int lost();

    String lostSite();

    int peakDemand();

    int suggestedMaximum();

    double meanHoldMillis();

    double ratePerSecond();

    double busyOnAverage();
  }

  private final Cause cause;
  private final Evidence evidence;
  private final RemoteCalls remoteCalls;

  /**
   * @param e the measurements, as Leash fixed them
   * @param remoteCalls the remote-call hint, or null when the holders show none
   */
  public PoolDiagnosis(Cause cause, Evidence e, RemoteCalls remoteCalls) {
    this.cause = Objects.requireNonNull(cause, "cause");
    this.evidence = Objects.requireNonNull(e, "evidence");
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
    return evidence.ofConnections();
  }

  public int max() {
    return evidence.max();
  }

  /** Connections the pool has open (active + idle), or -1 when it does not say. */
  public int open() {
    return evidence.open();
  }

  public int inUse() {
    return evidence.inUse();
  }

  public String db() {
    return evidence.db();
  }

  /** DATABASE_UNAVAILABLE: the pool's exception message or what its connects did, or null. */
  public String failure() {
    return evidence.failure();
  }

  /** DATABASE_UNAVAILABLE: how long a connect in progress had taken when no failure message was seen; else 0. */
  public long connectingMillis() {
    return evidence.connectingMillis();
  }

  /** DATABASE_UNAVAILABLE: decided because the pool timed out below its maximum ({@link #open()} of {@link #max()}). */
  public boolean belowMaximum() {
    return evidence.belowMaximum();
  }

  public int nestedWaiting() {
    return evidence.nestedWaiting();
  }

  public int waiting() {
    return evidence.waiting();
  }

  public String heldAt() {
    return evidence.heldAt();
  }

  public String secondAt() {
    return evidence.secondAt();
  }

  /** LEAK: leases held idle that look leaked; SLOW_QUERIES: leases busy in statements past the wait threshold. */
  public int count() {
    return evidence.count();
  }

  /** The path (else site) of the group most of {@link #count()} belong to, or null. */
  public String where() {
    return evidence.where();
  }

  /** How many of {@link #count()} are at {@link #where()}. */
  public int whereCount() {
    return evidence.whereCount();
  }

  /** LEAK: the idle times at {@link #where()}; SLOW_QUERIES: the held times; in milliseconds. */
  public long minMillis() {
    return evidence.minMillis();
  }

  public long maxMillis() {
    return evidence.maxMillis();
  }

  public int lost() {
    return evidence.lost();
  }

  public String lostSite() {
    return evidence.lostSite();
  }

  public int peakDemand() {
    return evidence.peakDemand();
  }

  public int suggestedMaximum() {
    return evidence.suggestedMaximum();
  }

  /** Negative when no hold was measured in the last minute. */
  public double meanHoldMillis() {
    return evidence.meanHoldMillis();
  }

  public double ratePerSecond() {
    return evidence.ratePerSecond();
  }

  public double busyOnAverage() {
    return evidence.busyOnAverage();
  }

  /** The remote-call hint, or null. */
  public RemoteCalls remoteCalls() {
    return remoteCalls;
  }

  @Override
  public String toString() {
    return "PoolDiagnosis{" + cause.code() + ", of=" + evidence.ofConnections() + ", count=" + evidence.count() + ", where=" + evidence.where() + "}";
  }
}
