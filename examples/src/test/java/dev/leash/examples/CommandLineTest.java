package dev.leash.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line: flags, defaults, and clear errors with exit code 2. */
class CommandLineTest {

  @Test
  void parsesEveryFlag() throws Exception {
    Options o = Options.parse("surge", "--pool", "7", "--shoppers=12", "--duration", "1500ms", "--json", "--db", "postgres",
        "--user", "shop", "--password", "s3cret");
    assertThat(o.scenario).isEqualTo("surge");
    assertThat(o.pool(5)).isEqualTo(7);
    assertThat(o.shoppers(40)).isEqualTo(12);
    assertThat(o.duration(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.json).isTrue();
    Database.Target t = o.target();
    assertThat(t.kind).isEqualTo(Database.Kind.POSTGRESQL);
    assertThat(t.url).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    assertThat(t.describe()).contains("as shop").doesNotContain("s3cret");
    assertThat(o.childArgs("leak")).doesNotContain("s3cret", "--password");
  }

  @Test
  void defaultsToLeakOnH2() throws Exception {
    Options o = Options.parse();
    assertThat(o.scenario).isEqualTo("leak");
    assertThat(o.target().url).isEqualTo("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
  }

  @Test
  void passwordsInUrlsAreMasked() {
    assertThat(Database.maskUrl("jdbc:postgresql://db/shop?user=a&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/shop?user=a&password=****&ssl=true");
    assertThat(Database.maskUrl("jdbc:h2:tcp://h/db;USER=a;PASSWORD=s3cret")).isEqualTo("jdbc:h2:tcp://h/db;USER=a;PASSWORD=****");
  }

  @Test
  void rejectsBadValuesNamingWhatIsAllowed() {
    assertThatThrownBy(() -> Options.parse("--pool", "0")).hasMessage("--pool: '0' is not a positive whole number");
    assertThatThrownBy(() -> Options.parse("--duration", "5x")).hasMessage("--duration: '5x' is not a duration; use 500ms, 6s or 1m");
    assertThatThrownBy(() -> Options.parse("--db", "oracle")).hasMessageContaining("use h2 or postgres");
    assertThatThrownBy(() -> Options.parse("--url", "jdbc:mysql://x/y")).hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
    assertThatThrownBy(() -> Options.parse("--shoppers")).hasMessage("--shoppers needs a value");
  }

  @Test
  void unknownScenarioExitsWith2ListingTheScenarios() {
    Result r = run("checkout-everything");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("unknown scenario 'checkout-everything'; scenarios: leak, surge, slow-query, agent, clean").contains("Usage:");
  }

  @Test
  void unknownFlagExitsWith2ListingTheFlags() {
    Result r = run("leak", "--frobnicate");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("unknown flag '--frobnicate'; flags: --pool N, --shoppers N, --duration 6s, --json");
  }

  @Test
  void missingAgentJarExitsWith2NamingTheBuildCommand() {
    Result r = run("agent", "--agent-jar", "/nonexistent/leash-agent.jar");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("/nonexistent/leash-agent.jar does not exist").contains("./mvnw -q -B install -DskipTests");
  }

  @Test
  void noLeashIsOnlyForTheLeakScenario() {
    Result r = run("surge", "--no-leash");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--no-leash: only the leak scenario runs without Leash");
  }

  private static Result run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Shop.execute(args);
      return new Result(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  private static final class Result {
    final int code;
    final String err;

    Result(int code, String err) {
      this.code = code;
      this.err = err;
    }
  }
}
