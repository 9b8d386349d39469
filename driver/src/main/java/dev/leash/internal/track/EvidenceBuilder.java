package dev.leash.internal.track;

import dev.leash.event.PoolDiagnosis;

/**
 * Collects a diagnosis's evidence while {@link Diagnosis} decides, then fixes it as the immutable
 * {@link PoolDiagnosis.Evidence}; what each field means is documented on {@link PoolDiagnosis}'s accessors.
 * Unset fields keep the values a cause that does not use them leaves: 0, -1 ({@code max}, {@code open},
 * {@code meanHoldMillis}) or null. Public for the report package's tests, which build events by hand.
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
    return new PoolDiagnosis.Evidence(ofConnections, max, open, inUse, db, failure, connectingMillis, belowMaximum, nestedWaiting,
        waiting, heldAt, secondAt, count, where, whereCount, minMillis, maxMillis, lost, lostSite,
        peakDemand, suggestedMaximum, meanHoldMillis, ratePerSecond, busyOnAverage);
  }
}
