package dev.leash.internal.jdbc;

import dev.leash.internal.util.Secrets;
import java.sql.SQLException;

/** The {@code jdbc:leash:} prefix: recognising it and turning a Leash URL into the real driver's URL. */
public final class JdbcUrls {

  /** Every URL Leash accepts starts with this. */
  public static final String PREFIX = "jdbc:leash:";

  private JdbcUrls() {}

  /** True for URLs that start with {@code jdbc:leash:}; false for anything else, including null. */
  public static boolean isLeashUrl(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /**
   * {@code jdbc:leash:h2:mem:x} becomes {@code jdbc:h2:mem:x}: only the leading prefix is removed,
   * the rest goes to the real driver untouched.
   *
   * @throws SQLException naming the URL (secrets masked) and the expected form, when nothing or
   *     another prefix follows {@code jdbc:leash:}
   */
  public static String realUrl(String leashUrl) throws SQLException {
    String rest = leashUrl.substring(PREFIX.length());
    if (rest.isBlank()) {
      throw new SQLException("Leash URL '" + Secrets.maskUrl(leashUrl)
          + "' names no database after jdbc:leash:; write the real driver's URL after it, for example "
          + "jdbc:leash:postgresql://host/db or jdbc:leash:h2:mem:test", "08001");
    }
    if (rest.regionMatches(true, 0, "jdbc:", 0, 5) || rest.regionMatches(true, 0, "leash:", 0, 6)) {
      // The suggested URL is masked too: it holds the same password as the one given.
      throw new SQLException("Leash URL '" + Secrets.maskUrl(leashUrl) + "' repeats a prefix; write "
          + Secrets.maskUrl(PREFIX + rest.substring(rest.indexOf(':') + 1))
          + " (jdbc:leash: followed by the real URL without its jdbc:)", "08001");
    }
    return "jdbc:" + rest;
  }
}
