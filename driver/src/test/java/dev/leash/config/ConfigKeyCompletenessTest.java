package dev.leash.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leash.internal.config.ConfigLoader;
import dev.leash.jdbc.LeashDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.DriverPropertyInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key is written once, in {@link ConfigKey}, and everything else follows from it. Derived from the key
 * list alone, so a key added there is checked here without any edit: it has a default its own parser
 * accepts, a description and a type; {@link LeashConfig}, its builder and {@code describe()} know it; every
 * source reads it and rejects a bad value naming it; the driver lists it; the README and the Spring Boot
 * starter's IDE metadata have it (the starter's {@code ConfigurationMetadataTest} checks that entry field by field).
 */
class ConfigKeyCompletenessTest {

  /** Not allowed by any key's parser: no duration, number, flag, prefix or MDC key contains '%'. */
  private static final String BAD = "%";

  @AfterEach
  void reset() {
    ConfigLoader.resetForTests();
  }

  @Test
  void everyKeyHasANameADefaultItsParserAcceptsADescriptionAndAType() {
    assertThat(ConfigKey.values()).isNotEmpty();
    for (ConfigKey<?> k : ConfigKey.values()) {
      assertThat(k.key()).as("name").startsWith(ConfigKey.PREFIX).matches("[a-z.]+");
      assertThat(ConfigKey.named(k.key())).isSameAs(k);
      assertThat(k.environmentVariable()).isEqualTo(k.key().replace('.', '_').toUpperCase(Locale.ROOT));
      assertThat(k.meaning()).as(k.key()).isNotBlank();
      assertThat(k.typeName()).as(k.key()).isNotBlank();
      assertThat(k.parse(k.defaultValue(), "test")).as(k.key()).isEqualTo(k.parsedDefault());
    }
    assertThat(ConfigKey.values()).extracting(ConfigKey::key).doesNotHaveDuplicates();
  }

  @Test
  void leashConfigTakesEveryDefaultFromItsKeyAndTheBuilderSetsEveryKey() {
    LeashConfig d = LeashConfig.defaults();
    for (ConfigKey<?> k : ConfigKey.values()) {
      assertThat((Object) d.get(k)).as(k.key()).isEqualTo(k.parse(k.defaultValue(), "test"));
      assertThat(d.describe()).containsEntry(k.key(), k.defaultValue());
      assertThat(setToDefault(k)).isEqualTo(d);
    }
    assertThat(d.describe()).hasSameSizeAs(ConfigKey.values());
  }

  private static <T> LeashConfig setToDefault(ConfigKey<T> k) {
    return LeashConfig.builder().set(k, k.parse(k.defaultValue(), "test")).build();
  }

  @Test
  void everySourceReadsEveryKeyAndRejectsABadValueNamingIt() {
    for (ConfigKey<?> k : ConfigKey.values()) {
      ConfigLoader.setAmbientForTests(Map.of(k.key(), BAD), Map.of(k.environmentVariable(), BAD));
      ConfigLoader.Result r = ConfigLoader.loadForAgent(k.key() + "=" + BAD);
      assertThat(r.config()).as(k.key()).isEqualTo(LeashConfig.defaults());
      List<String> origins = new ArrayList<>();
      for (LeashConfigException p : r.problems()) {
        assertThat(p.key()).isEqualTo(k.key());
        assertThat(p.knownKey()).isTrue();
        assertThat(p.getMessage()).startsWith(k.key() + ": '" + BAD + "' (" + p.origin() + ") is not ");
        origins.add(p.origin());
      }
      assertThat(origins).as(k.key()).containsExactly(
          "agent argument", "system property", "environment variable " + k.environmentVariable());

      Properties connection = new Properties();
      connection.setProperty(k.key(), BAD);
      LeashConfigException e = catchThrowableOfType(LeashConfigException.class, () -> ConfigLoader.load(connection));
      assertThat(e.key()).as(k.key()).isEqualTo(k.key());
    }
  }

  @Test
  void anUnknownKeysMessageListsEveryKey() {
    LeashConfigException unknown = catchThrowableOfType(LeashConfigException.class,
        () -> ConfigLoader.load(props("leash.no.such.key", "1")));
    for (ConfigKey<?> k : ConfigKey.values()) {
      assertThat(unknown.getMessage()).contains(k.key());
    }
  }

  @Test
  void theDriverListsEveryKey() throws Exception {
    DriverPropertyInfo[] info = new LeashDriver().getPropertyInfo("jdbc:leash:h2:mem:keys", new Properties());
    List<String> names = new ArrayList<>();
    for (DriverPropertyInfo p : info) {
      names.add(p.name);
    }
    for (ConfigKey<?> k : ConfigKey.values()) {
      assertThat(names).contains(k.key());
    }
  }

  @Test
  void theReadmeAndTheStartersMetadataHaveEveryKey() throws IOException {
    // Surefire runs with the module directory as working directory.
    String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
    String metadata = Files.readString(Paths.get("..", "spring-boot", "src", "main", "resources", "META-INF",
        "spring-configuration-metadata.json"), StandardCharsets.UTF_8);
    for (ConfigKey<?> k : ConfigKey.values()) {
      assertThat(readme).contains("\n| `" + k.key() + "` | ");
      assertThat(metadata).contains("\"name\": \"" + k.key() + "\"");
    }
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }
}
