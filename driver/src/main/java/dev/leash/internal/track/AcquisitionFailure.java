package dev.leash.internal.track;

import dev.leash.internal.pool.PoolAdapters;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What an exception from a pool's {@code getConnection()} means: the pool ran dry (its timeout), the
 * database could not be reached, or something else (bad credentials, a closed pool) that is not
 * Leash's business. Decided from the exception chain, without a dependency on any pool: the signs every
 * pool's timeout shares, and each pool's own as its adapter describes it ({@code PoolAdapter.Timeout}).
 */
public enum AcquisitionFailure {
  /** The pool's wait timed out. */
  POOL_TIMEOUT,
  /** New physical connections cannot be opened (refused, unreachable, SQLState class 08). */
  DATABASE_UNAVAILABLE,
  /** Anything else: not reported as exhaustion. */
  OTHER;

  private static final int MAX_CHAIN = 16;

  /** Classifies {@code t}; a timeout whose cause is a connection failure is {@link #DATABASE_UNAVAILABLE}. */
  public static AcquisitionFailure classify(Throwable t) {
    boolean timeout = false;
    boolean databaseDown = false;
    Throwable c = t;
    for (int i = 0; c != null && i < MAX_CHAIN; i++, c = c.getCause()) {
      timeout |= looksLikeTimeout(c);
      databaseDown |= looksLikeConnectFailure(c, i == 0);
      if (c.getCause() == c) {
        break;
      }
    }
    if (databaseDown) {
      return DATABASE_UNAVAILABLE;
    }
    return timeout ? POOL_TIMEOUT : OTHER;
  }

  private static boolean looksLikeTimeout(Throwable c) {
    String cls = c.getClass().getName();
    if (cls.contains("Timeout") || cls.contains("PoolExhausted")) {
      return true;
    }
    String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
    return msg.contains("timed out") || msg.contains("timeout") || msg.contains("exhausted")
        || PoolAdapters.looksLikeATimeout(c, msg);
  }

  private static boolean looksLikeConnectFailure(Throwable c, boolean outermost) {
    String cls = c.getClass().getName();
    if (cls.equals("java.net.ConnectException") || cls.equals("java.net.UnknownHostException")
        || cls.equals("java.net.NoRouteToHostException") || cls.equals("java.net.PortUnreachableException")) {
      return true;
    }
    if (c instanceof SQLException && !outermost) {
      // The pool's own exception may carry a copied SQLState (HikariCP does); trust causes only.
      String state = ((SQLException) c).getSQLState();
      if (state != null && state.startsWith("08")) {
        return true;
      }
    }
    String msg = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
    return msg.contains("connection refused") || msg.contains("connectexception") || msg.contains("unknownhostexception");
  }
}
