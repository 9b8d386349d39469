package dev.leash.event;

import java.util.Objects;

/** How many threads wait for a pool at one place: the application line, and its helper path when Leash knows one. */
public final class WaiterSite {

  private final String site;
  private final String path;
  private final int count;

  public WaiterSite(String site, String path, int count) {
    this.site = Objects.requireNonNull(site, "site");
    this.path = path;
    this.count = count;
  }

  public String site() {
    return site;
  }

  /** {@code Db.open(Db.java:31) <- CheckoutService.place(CheckoutService.java:88)}, or null. */
  public String path() {
    return path;
  }

  /** The path when there is one, else the site. */
  public String where() {
    return path != null ? path : site;
  }

  public int count() {
    return count;
  }
}
