package dev.leash.internal.track;

import dev.leash.event.PoolDiagnosis;

/**
 * Collects a diagnosis's evidence while {@link Diagnosis} decides, then fixes it as an immutable
 * {@link PoolDiagnosis.Evidence}; what each field means is documented on {@link PoolDiagnosis}'s accessors.
 * Unset fields keep the values a cause that does not use them leaves: 0, -1 ({@code max}, {@code open},
 * {@code meanHoldMillis}) or null. The only implementation of that public interface, so that a new field is a
 * builder method and an interface method here, never a new public constructor argument. Public for the report
 * package's tests, which build events by hand.
 */
public final class EvidenceBuilder {
  private int ofConnections;
  private int max = -1;
  private int open = -1;
  private int inUse;
  private String db;
  private String failure;
  private long connectingMillis;
  private boolean belowMaximum;
  private int nestedWaiting;
  private int waiting;
  private String heldAt;
  private String secondAt;
  private int count;
  private String where;
  private int whereCount;
  private long minMillis;
  private long maxMillis;
  private int lost;
  private String lostSite;
  private int peakDemand;
  private int suggestedMaximum;
  private double meanHoldMillis = -1;
  private double ratePerSecond;
  private double busyOnAverage;

  public EvidenceBuilder ofConnections(int ofConnections) {
    this.ofConnections = ofConnections;
    return this;
  }

  public EvidenceBuilder max(int max) {
    this.max = max;
    return this;
  }

  public EvidenceBuilder open(int open) {
    this.open = open;
    return this;
  }

  public EvidenceBuilder inUse(int inUse) {
    this.inUse = inUse;
    return this;
  }

  public EvidenceBuilder db(String db) {
    this.db = db;
    return this;
  }

  public EvidenceBuilder failure(String failure) {
    this.failure = failure;
    return this;
  }

  public EvidenceBuilder connectingMillis(long connectingMillis) {
    this.connectingMillis = connectingMillis;
    return this;
  }

  public EvidenceBuilder belowMaximum(boolean belowMaximum) {
    this.belowMaximum = belowMaximum;
    return this;
  }

  public EvidenceBuilder nestedWaiting(int nestedWaiting) {
    this.nestedWaiting = nestedWaiting;
    return this;
  }

  public EvidenceBuilder waiting(int waiting) {
    this.waiting = waiting;
    return this;
  }

  public EvidenceBuilder heldAt(String heldAt) {
    this.heldAt = heldAt;
    return this;
  }

  public EvidenceBuilder secondAt(String secondAt) {
    this.secondAt = secondAt;
    return this;
  }

  public EvidenceBuilder count(int count) {
    this.count = count;
    return this;
  }

  public EvidenceBuilder where(String where) {
    this.where = where;
    return this;
  }

  public EvidenceBuilder whereCount(int whereCount) {
    this.whereCount = whereCount;
    return this;
  }

  public EvidenceBuilder minMillis(long minMillis) {
    this.minMillis = minMillis;
    return this;
  }

  public EvidenceBuilder maxMillis(long maxMillis) {
    this.maxMillis = maxMillis;
    return this;
  }

  public EvidenceBuilder lost(int lost) {
    this.lost = lost;
    return this;
  }

  public EvidenceBuilder lostSite(String lostSite) {
    this.lostSite = lostSite;
    return this;
  }

  public EvidenceBuilder peakDemand(int peakDemand) {
    this.peakDemand = peakDemand;
    return this;
  }

  public EvidenceBuilder suggestedMaximum(int suggestedMaximum) {
    this.suggestedMaximum = suggestedMaximum;
    return this;
  }

  public EvidenceBuilder meanHoldMillis(double meanHoldMillis) {
    this.meanHoldMillis = meanHoldMillis;
    return this;
  }

  public EvidenceBuilder ratePerSecond(double ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
    return this;
  }

  public EvidenceBuilder busyOnAverage(double busyOnAverage) {
    this.busyOnAverage = busyOnAverage;
    return this;
  }

  public PoolDiagnosis.Evidence build() {
    return new Fixed(this);
  }

  /** The evidence as it was when {@link #build()} was called: a later change to the builder does not reach it. */
  private static final class Fixed implements PoolDiagnosis.Evidence {
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

    Fixed(EvidenceBuilder b) {
      ofConnections = b.ofConnections;
      max = b.max;
      open = b.open;
      inUse = b.inUse;
      db = b.db;
      failure = b.failure;
      connectingMillis = b.connectingMillis;
      belowMaximum = b.belowMaximum;
      nestedWaiting = b.nestedWaiting;
      waiting = b.waiting;
      heldAt = b.heldAt;
      secondAt = b.secondAt;
      count = b.count;
      where = b.where;
      whereCount = b.whereCount;
      minMillis = b.minMillis;
      maxMillis = b.maxMillis;
      lost = b.lost;
      lostSite = b.lostSite;
      peakDemand = b.peakDemand;
      suggestedMaximum = b.suggestedMaximum;
      meanHoldMillis = b.meanHoldMillis;
      ratePerSecond = b.ratePerSecond;
      busyOnAverage = b.busyOnAverage;
    }

    @Override public int ofConnections() { return ofConnections; }
    @Override public int max() { return max; }
    @Override public int open() { return open; }
    @Override public int inUse() { return inUse; }
    @Override public String db() { return db; }
    @Override public String failure() { return failure; }
    @Override public long connectingMillis() { return connectingMillis; }
    @Override public boolean belowMaximum() { return belowMaximum; }
    @Override public int nestedWaiting() { return nestedWaiting; }
    @Override public int waiting() { return waiting; }
    @Override public String heldAt() { return heldAt; }
    @Override public String secondAt() { return secondAt; }
    @Override public int count() { return count; }
    @Override public String where() { return where; }
    @Override public int whereCount() { return whereCount; }
    @Override public long minMillis() { return minMillis; }
    @Override public long maxMillis() { return maxMillis; }
    @Override public int lost() { return lost; }
    @Override public String lostSite() { return lostSite; }
    @Override public int peakDemand() { return peakDemand; }
    @Override public int suggestedMaximum() { return suggestedMaximum; }
    @Override public double meanHoldMillis() { return meanHoldMillis; }
    @Override public double ratePerSecond() { return ratePerSecond; }
    @Override public double busyOnAverage() { return busyOnAverage; }
  }
}
