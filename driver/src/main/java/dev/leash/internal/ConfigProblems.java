package dev.leash.internal;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfigException;
import dev.leash.event.ConfigProblem;
import java.util.List;

/**
 * Turns the ambient problems a configuration load found into {@link ConfigProblem} events and reports
 * each once: the entry points ({@code LeashDataSource.wrap}, {@code jdbc:leash:} connects) call
 * {@link #report}; the agent, whose {@code premain} runs before any logging exists, prints
 * {@link #of} on stderr itself.
 */
public final class ConfigProblems {

  private ConfigProblems() {}

  /** Reports each problem once per process through Leash's reporter (SLF4J, else stderr). Never throws. */
  public static void report(List<LeashConfigException> problems) {
    if (problems.isEmpty()) {
      return;
    }
    try {
      for (LeashConfigException p : problems) {
        LeashRuntime.registry().configRejectedOnce(of(p));
      }
    } catch (Throwable t) {
      System.err.println("leash: could not report a configuration problem (reported once): " + t);
    }
  }

  /** The event for {@code e}; a value under a secret-looking key ({@code leash.db.password}) is masked. */
  public static ConfigProblem of(LeashConfigException e) {
    String key = e.key();
    String value = e.value();
    String message = e.getMessage();
    if (key != null && value != null && Secrets.isSecretKey(key)) {
      message = message.replace("'" + value + "'", "'" + Secrets.MASK + "'");
      value = Secrets.MASK;
    }
    String dflt = e.knownKey() ? ConfigKey.find(key).defaultValue() : null;
    return new ConfigProblem(key, value, e.origin(), message, e.suggestion(), dflt);
  }
}
