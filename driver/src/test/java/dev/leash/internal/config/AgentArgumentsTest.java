package dev.leash.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.leash.config.LeashConfig;
import dev.leash.config.LeashConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentArgumentsTest {

  private static final String FORM = "; use key=value[,key=value...], "
      + "for example leak.threshold=30s,site.exclude=com.acme.dao,com.acme.util";

  @AfterEach
  void reset() {
    ConfigLoader.resetForTests();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", ",", " , ,"})
  void noArguments(String args) {
    assertThat(AgentArguments.parse(args)).isEmpty();
  }

  @Test
  void keysWithAndWithoutPrefixBecomeFullKeysInOrderValuesAsWritten() {
    assertThat(AgentArguments.parse("leak.threshold=5s, leash.jmx=false ,stack.depth = 8"))
        .containsExactly(
            entry("leash.leak.threshold", "5s"),
            entry("leash.jmx", "false "),
            entry("leash.stack.depth", " 8"));
  }

  @Test
  void valuesMayContainEqualsAndTheLaterPairWins() {
    assertThat(AgentArguments.parse("jfr=true,leak.threshold=a=b,jfr=false"))
        .containsExactly(entry("leash.jfr", "false"), entry("leash.leak.threshold", "a=b"));
  }

  @Test
  void emptyFragmentsBetweenPairsAreIgnored() {
    assertThat(AgentArguments.parse("jmx=false,,jfr=false,"))
        .containsExactly(entry("leash.jmx", "false"), entry("leash.jfr", "false"));
  }

  @Test
  void siteExcludeListContinuesOverCommas() {
    Map<String, String> args = AgentArguments.parse(
        "leak.threshold=5s,site.exclude=com.acme.dao,com.acme.util, org.legacy,jmx=false");
    assertThat(args).containsExactly(
        entry("leash.leak.threshold", "5s"),
        entry("leash.site.exclude", "com.acme.dao,com.acme.util, org.legacy"),
        entry("leash.jmx", "false"));

    LeashConfig c = Resolver.resolve(
        List.of(Source.of(Source.AGENT_ARGUMENT, args)), true).config();
    assertThat(c.siteExcludes()).containsExactly("com.acme.dao", "com.acme.util", "org.legacy");
    assertThat(c.leakThreshold()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.jmxEnabled()).isFalse();
  }

  @Test
  void siteExcludeAsLastArgumentAndWithFullKey() {
    assertThat(AgentArguments.parse("leash.site.exclude=com.a,com.b"))
        .containsExactly(entry("leash.site.exclude", "com.a,com.b"));
    assertThat(AgentArguments.parse("site.exclude="))
        .containsExactly(entry("leash.site.exclude", ""));
  }

  @Test
  void anEmptyListEntryIsKeptSoThatValidationRejectsIt() {
    Map<String, String> args = AgentArguments.parse("site.exclude=com.a,,com.b");
    assertThat(args).containsExactly(entry("leash.site.exclude", "com.a,,com.b"));
    LeashConfigException e = catchThrowableOfType(LeashConfigException.class, () -> Resolver.resolve(
        List.of(Source.of(Source.AGENT_ARGUMENT, args)), true));
    assertThat(e).hasMessageStartingWith("leash.site.exclude: 'com.a,,com.b' (agent argument) is not allowed: entry 2 is empty");
  }

  @Test
  void aFragmentWithoutEqualsIsAnError() {
    LeashConfigException e = catchThrowableOfType(LeashConfigException.class,
        () -> AgentArguments.parse("leak.threshold"));
    assertThat(e).hasMessage("agent argument 'leak.threshold' is not a key=value pair" + FORM);
    assertThat(e.key()).isNull();
    assertThat(e.value()).isEqualTo("leak.threshold");
    assertThat(e.origin()).isEqualTo("agent argument");
  }

  @Test
  void aFragmentWithoutEqualsAfterANonListKeyIsAnError() {
    assertThat(catchThrowableOfType(LeashConfigException.class,
        () -> AgentArguments.parse("jmx=false,jfr")))
        .hasMessage("agent argument 'jfr' is not a key=value pair" + FORM);
  }

  @Test
  void anEmptyKeyIsAnError() {
    LeashConfigException e = catchThrowableOfType(LeashConfigException.class,
        () -> AgentArguments.parse("jmx=false, =5s"));
    assertThat(e).hasMessage("agent argument ' =5s' has no key" + FORM);
    assertThat(e.key()).isEmpty();
    assertThat(e.value()).isEqualTo(" =5s");
  }

  @Test
  void lenientParsingSkipsMalformedFragmentsAndKeepsTheRest() {
    List<LeashConfigException> problems = new ArrayList<>();
    Map<String, String> args = AgentArguments.parse("=1,jmx=false,bogus,jfr=false", problems);
    assertThat(args).containsExactly(entry("leash.jmx", "false"), entry("leash.jfr", "false"));
    assertThat(problems).extracting(LeashConfigException::value).containsExactly("=1", "bogus");
  }

  @Test
  void installedArgumentsAreNormalisedAndCopied() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("jmx", "false");
    args.put("leash.jfr", "false");
    AgentArguments.install(args);
    args.put("metrics", "false");

    assertThat(AgentArguments.installed())
        .containsExactly(entry("leash.jmx", "false"), entry("leash.jfr", "false"));
    AgentArguments.install(null);
    assertThat(AgentArguments.installed()).isEmpty();
  }
}
