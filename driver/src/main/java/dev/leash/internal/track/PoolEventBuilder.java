package dev.leash.internal.track;

import dev.leash.event.Holders;
import dev.leash.event.PoolDiagnosis;
import dev.leash.event.PoolEvent;

/** Builds a {@link PoolEvent} field by field; fields not set stay null or 0 ({@code max} -1). Internal: not API. */
public final class PoolEventBuilder {
  private final PoolEvent.Kind kind;
  private String pool;
  private String db;
  private String thread;
  private String site;
  private String heldSite;
  private String path;
  private String heldPath;
  private long waitMillis;
  private int inUse;
  private int max = -1;
  private int waiting;
  private PoolDiagnosis diagnosis;
  private Holders holders;
  private String failure;
  private long suppressed;
  private boolean stillWaiting;

  public PoolEventBuilder(PoolEvent.Kind kind) {
    this.kind = kind;
  }

  public PoolEventBuilder pool(String v) { pool = v; return this; }
  public PoolEventBuilder db(String v) { db = v; return this; }
  public PoolEventBuilder thread(String v) { thread = v; return this; }
  public PoolEventBuilder site(String v) { site = v; return this; }
  public PoolEventBuilder heldSite(String v) { heldSite = v; return this; }
  public PoolEventBuilder path(String v) { path = v; return this; }
  public PoolEventBuilder heldPath(String v) { heldPath = v; return this; }
  public PoolEventBuilder waitMillis(long v) { waitMillis = v; return this; }
  public PoolEventBuilder inUse(int v) { inUse = v; return this; }
  public PoolEventBuilder max(int v) { max = v; return this; }
  public PoolEventBuilder waiting(int v) { waiting = v; return this; }
  public PoolEventBuilder diagnosis(PoolDiagnosis v) { diagnosis = v; return this; }
  public PoolEventBuilder holders(Holders v) { holders = v; return this; }
  public PoolEventBuilder failure(String v) { failure = v; return this; }
  public PoolEventBuilder suppressed(long v) { suppressed = v; return this; }
  public PoolEventBuilder stillWaiting(boolean v) { stillWaiting = v; return this; }

  public PoolEvent build() {
    return new PoolEvent(kind, pool, db, thread, site, path, heldSite, heldPath, waitMillis, stillWaiting, inUse, max,
        waiting, failure, suppressed, holders, diagnosis);
  }
}
