package dev.leash.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link Shop}: one scenario and its flags. Values left unset take each
 * scenario's default. A bad command line is a {@link UsageException} naming what is allowed.
 */
public final class Options {

  static final List<String> SCENARIOS = List.of("leak", "surge", "slow-query", "agent", "clean");
  static final List<String> FLAGS = List.of("--pool N", "--shoppers N", "--duration 6s", "--json", "--db h2|postgres",
      "--url <jdbc url>", "--user <name>", "--password <secret>", "--agent-jar <path>", "--no-leash", "--leash-url",
      "--metrics-port N");
  /** Read when {@code --password} is not given; how the {@code agent} scenario hands the password to its child JVM. */
  static final String PASSWORD_ENV = "SHOP_DB_PASSWORD";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  String scenario = "leak";
  int pool = -1;
  int shoppers = -1;
  Duration duration;
  boolean json;
  boolean noLeash;
  /** Leash only as the {@code jdbc:leash:} prefix of the pool's JDBC URL (the Spring Boot way), not {@code LeashDataSource.wrap}. */
  boolean leashUrl;
  String db = "h2";
  String url;
  String user;
  String password;
  String agentJar;
  /** Serve Leash's meters on 127.0.0.1:{@code metricsPort}/metrics while the scenario runs (0: a free port); -1: off. */
  int metricsPort = -1;
  boolean help;

  private Options() {}

  /** Parses {@code args}: {@code [scenario] [--flag value | --flag=value]...}. */
  public static Options parse(String... args) throws UsageException {
    Options o = new Options();
    boolean scenarioSeen = false;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      if (arg.isBlank()) {
        continue; // what Maven passes for the demo's unset extra flag
      }
      if (!arg.startsWith("-")) {
        String name = arg.toLowerCase(Locale.ROOT);
        if (scenarioSeen) {
          throw new UsageException("only one scenario per run, got '" + o.scenario + "' and '" + arg + "'");
        }
        if (!SCENARIOS.contains(name)) {
          throw new UsageException("unknown scenario '" + arg + "'; scenarios: " + String.join(", ", SCENARIOS));
        }
        o.scenario = name;
        scenarioSeen = true;
        continue;
      }
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (flag) {
        case "--help":
        case "-h":
          o.help = true;
          break;
        case "--json":
          o.json = true;
          break;
        case "--no-leash":
          o.noLeash = true;
          break;
        case "--leash-url":
          o.leashUrl = true;
          break;
        case "--pool":
          o.pool = positive(flag, value(flag, inline, rest));
          break;
        case "--shoppers":
          o.shoppers = positive(flag, value(flag, inline, rest));
          break;
        case "--duration":
          o.duration = duration(value(flag, inline, rest));
          break;
        case "--db":
          o.db = value(flag, inline, rest).toLowerCase(Locale.ROOT);
          if (!o.db.equals("h2") && !o.db.equals("postgres")) {
            throw new UsageException("--db: '" + o.db + "' is not a database the examples know; use h2 or postgres");
          }
          break;
        case "--url":
          o.url = value(flag, inline, rest);
          if (Database.Kind.of(o.url) == null) {
            throw new UsageException("--url: '" + Database.maskUrl(o.url) + "' is not supported; use a jdbc:h2: or jdbc:postgresql: URL");
          }
          break;
        case "--user":
          o.user = value(flag, inline, rest);
          break;
        case "--password":
          o.password = value(flag, inline, rest);
          break;
        case "--agent-jar":
          o.agentJar = value(flag, inline, rest);
          break;
        case "--metrics-port":
          o.metricsPort = port(flag, value(flag, inline, rest));
          break;
        default:
          throw new UsageException("unknown flag '" + flag + "'; flags: " + String.join(", ", FLAGS));
      }
    }
    return o;
  }

  /** The database this run uses: {@code --url}, else {@code --db}'s default URL. */
  Database.Target target() {
    String u = url;
    if (u == null) {
      u = db.equals("postgres") ? Database.POSTGRESQL_URL : Database.H2_URL;
    }
    Database.Kind kind = Database.Kind.of(u);
    String name = user != null ? user : kind == Database.Kind.POSTGRESQL ? "postgres" : "sa";
    String secret = password != null ? password : System.getenv(PASSWORD_ENV);
    return new Database.Target(kind, u, name, secret == null ? "" : secret);
  }

  int pool(int fallback) {
    return pool > 0 ? pool : fallback;
  }

  int shoppers(int fallback) {
    return shoppers > 0 ? shoppers : fallback;
  }

  Duration duration(Duration fallback) {
    return duration != null ? duration : fallback;
  }

  /** The flags to hand to a child JVM running {@code scenario}: everything but the password and the agent's own flags. */
  List<String> childArgs(String childScenario) {
    List<String> out = new ArrayList<>();
    out.add(childScenario);
    if (pool > 0) {
      out.add("--pool");
      out.add(Integer.toString(pool));
    }
    if (shoppers > 0) {
      out.add("--shoppers");
      out.add(Integer.toString(shoppers));
    }
    if (duration != null) {
      out.add("--duration");
      out.add(duration.toMillis() + "ms");
    }
    if (json) {
      out.add("--json");
    }
    out.add("--db");
    out.add(db);
    if (url != null) {
      out.add("--url");
      out.add(url);
    }
    if (user != null) {
      out.add("--user");
      out.add(user);
    }
    return out;
  }

  static String usage() {
    return "Usage: Shop [" + String.join("|", SCENARIOS) + "] [flags]\n"
        + "  leak        incident 003: a code path never closes its connection (the default)\n"
        + "  surge       incidents 000-002, 004: a traffic burst on a pool of 5; rerun with Leash's suggested size\n"
        + "  slow-query  a slow report holds the connections busy: slow queries, not leaks\n"
        + "  agent       'leak' again in a child JVM with no Leash code, under -javaagent:leash-agent.jar\n"
        + "  clean       the same shoppers on the fixed checkout: every connection returned, nothing to report\n"
        + "Flags:\n"
        + "  --pool N             maximum pool size (scenario default: 5)\n"
        + "  --shoppers N         concurrent shoppers\n"
        + "  --duration 6s        how long the traffic runs (ms, s or m)\n"
        + "  --json               Leash's reports as JSON objects (logback-json.xml)\n"
        + "  --db h2|postgres     embedded H2 (default) or PostgreSQL at 127.0.0.1:5432/test as postgres\n"
        + "  --url <jdbc url>     any jdbc:h2: or jdbc:postgresql: URL, with --user and --password (or env "
        + PASSWORD_ENV + ")\n"
        + "  --agent-jar <path>   leash-agent.jar for the agent scenario (default: javaagent/target/leash-agent.jar)\n"
        + "  --no-leash           run without any Leash code (what the agent scenario's child JVM does)\n"
        + "  --leash-url          put Leash in the pool's JDBC URL (jdbc:leash:...), as a Spring Boot user would,\n"
        + "                       instead of LeashDataSource.wrap(pool); leak, surge and slow-query\n"
        + "  --metrics-port N     serve Leash's meters for Prometheus on http://127.0.0.1:N/metrics while the\n"
        + "                       scenario runs (0: a free port, printed); not with agent\n";
  }

  private static String value(String flag, String inline, List<String> rest) throws UsageException {
    if (inline != null) {
      return inline;
    }
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return rest.remove(0);
  }

  private static int positive(String flag, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new UsageException(flag + ": '" + value + "' is not a positive whole number");
  }

  private static int port(String flag, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 0 && n <= 65535) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new UsageException(flag + ": '" + value + "' is not a port; use 0 to 65535 (0: a free port)");
  }

  private static Duration duration(String value) throws UsageException {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = m.group(2).equals("ms") ? Duration.ofMillis(n) : m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
      if (!d.isZero()) {
        return d;
      }
    }
    throw new UsageException("--duration: '" + value + "' is not a duration; use 500ms, 6s or 1m");
  }

  /** A command line the shop cannot run; the message says what is allowed. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
