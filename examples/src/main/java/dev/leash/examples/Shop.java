package dev.leash.examples;

/**
 * A small shop (catalog, cart, checkout) on HikariCP and embedded H2, reproducing the pool-exhaustion
 * incidents of {@code ../shared/incidents} with Leash watching. The pool is wrapped once,
 * {@code LeashDataSource.wrap(hikari)}, or with {@code --leash-url} Leash is only the prefix of the pool's
 * JDBC URL; nothing else in the shop knows about Leash.
 *
 * <p>Usage: {@code Shop [leak|surge|slow-query|agent] [--pool N] [--shoppers N] [--duration 6s] [--json]
 * [--db h2|postgres] [--url <jdbc url> --user <name> --password <secret>] [--agent-jar <path>] [--no-leash]
 * [--leash-url] [--metrics-port N]}; see {@link Options#usage()}. Exit code 2 for a bad command line, 1 when a scenario fails.
 */
public final class Shop {

  private Shop() {}

  public static void main(String[] args) {
    int code = execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the command line; returns the process exit code. */
  static int execute(String... args) {
    Options options;
    try {
      options = Options.parse(args);
      if (options.noLeash && !options.scenario.equals("leak")) {
        throw new Options.UsageException("--no-leash: only the leak scenario runs without Leash");
      }
      if (options.metricsPort >= 0 && options.scenario.equals("agent")) {
        throw new Options.UsageException("--metrics-port: the agent scenario's meters are in its child JVM; use leak, surge, slow-query or clean");
      }
      if (options.leashUrl && (options.noLeash || options.scenario.equals("agent"))) {
        throw new Options.UsageException("--leash-url: Leash in the pool's URL is for leak, surge and slow-query with Leash");
      }
    } catch (Options.UsageException e) {
      System.err.println("Shop: " + e.getMessage());
      System.err.print(Options.usage());
      return 2;
    }
    if (options.help) {
      System.out.print(Options.usage());
      return 0;
    }
    if (options.json) {
      Logging.useJson();
    }
    try (MetricsEndpoint metrics = options.metricsPort < 0 ? null : MetricsEndpoint.start(options.metricsPort)) {
      if (metrics != null) {
        Story.say("Serving Leash's meters for Prometheus on %s", metrics.url());
      }
      return Scenarios.run(options).exitCode;
    } catch (Options.UsageException e) {
      System.err.println("Shop: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("Shop: scenario '" + options.scenario + "' failed: " + e);
      return 1;
    }
  }
}
