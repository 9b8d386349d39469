package dev.leash.internal;

import dev.leash.config.ConfigKey;
import dev.leash.config.LeashConfigException;
import dev.leash.event.ConfigProblem;
import dev.leash.event.LeashListener;
import dev.leash.internal.util.LastResort;
import dev.leash.internal.util.Secrets;
import dev.leash.report.Reporters;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the ambient problems a configuration load found into {@link ConfigProblem} events and reports
 * each once per process: the entry points ({@code LeashDataSource.wrap}, {@code jdbc:leash:} connects)
 * load the configuration again and again, and the agent has printed its own problems before them, but a
 * stray setting gives one warning.
 *
 * <p>Internal but shared, like {@link dev.leash.internal.config.ConfigLoader}: called by the driver's entry
 * points, the javaagent's {@code premain} and the Spring Boot starter, which are released with the driver;
 * no API for applications.
 */
public final class ConfigProblems {

  /** Problems already reported, by message; bounded (a process has few distinct settings). */
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();
  private static final int MAX_REPORTED = 1024;

  private ConfigProblems() {}

  /** Reports each new problem through Leash's reporter (SLF4J, else stderr). Never throws. */
  public static void report(List<LeashConfigException> problems) {
    if (problems.isEmpty()) {
      return;
    }
    try {
      for (LeashConfigException p : problems) {
        if (firstTime(p)) {
          LeashRuntime.registry().configRejected(of(p));
        }
      }
    } catch (Throwable t) {
      LastResort.print("could not report a configuration problem (reported once): " + t);
    }
  }

  /**
   * Prints each new problem on stderr, in the reporters' format: what the agent's {@code premain} does, since
   * no logging is up before the application's {@code main}. Never throws.
   */
  public static void printOnStderr(List<LeashConfigException> problems) {
    if (problems.isEmpty()) {
      return;
    }
    try {
      LeashListener stderr = Reporters.stderr();
      for (LeashConfigException p : problems) {
        if (firstTime(p)) {
          stderr.configRejected(of(p));
        }
      }
    } catch (Throwable t) {
      LastResort.print("could not report a configuration problem: " + t);
    }
  }

  private static boolean firstTime(LeashConfigException p) {
    return REPORTED.size() < MAX_REPORTED && REPORTED.add(p.getMessage());
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
    String dflt = e.knownKey() ? ConfigKey.named(key).defaultValue() : null;
    return new ConfigProblem(key, value, e.origin(), message, e.suggestion(), dflt);
  }
}
