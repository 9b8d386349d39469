package dev.leash.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leash.config.ConfigKey;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata ({@code META-INF/spring-configuration-metadata.json}) lists exactly the driver's keys
 * with their defaults, plus {@code leash.enabled}: a key added to the driver fails this test until the
 * metadata has it. Everything the metadata says of a driver key is derived from its {@link ConfigKey}: the
 * type, the default and the description (the key's meaning as a sentence); a failure prints the entry to write.
 */
class ConfigurationMetadataTest {

  private static JsonNode metadata() throws Exception {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void theMetadataListsEveryDriverKeyWithItsDefault() throws Exception {
    JsonNode metadata = metadata();
    Map<String, String> listed = new LinkedHashMap<>();
    for (JsonNode p : metadata.get("properties")) {
      assertThat(p.get("description").asText()).as(p.get("name").asText()).isNotBlank();
      listed.put(p.get("name").asText(), p.has("defaultValue") ? p.get("defaultValue").asText() : "");
    }
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(LeashProperties.ENABLED, "true");
    for (ConfigKey k : ConfigKey.values()) {
      expected.put(k.key(), k.defaultValue());
    }
    assertThat(listed).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void everyDriverKeysEntryIsDerivedFromTheKey() throws Exception {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode p : metadata().get("properties")) {
      byName.put(p.get("name").asText(), p);
    }
    for (ConfigKey<?> k : ConfigKey.values()) {
      JsonNode p = byName.get(k.key());
      assertThat(p).as(k.key()).isNotNull();
      String wanted = entry(k);
      assertThat(p.get("type").asText()).as(wanted).isEqualTo(k.typeName());
      assertThat(p.get("description").asText()).as(wanted).isEqualTo(sentence(k.meaning()));
    }
  }

  /** {@code frames kept per stack; `0` turns it off} becomes {@code Frames kept per stack; 0 turns it off.} */
  private static String sentence(String meaning) {
    String plain = meaning.replace("`", "");
    return Character.toUpperCase(plain.charAt(0)) + plain.substring(1) + ".";
  }

  /** The entry the metadata should hold for {@code k}, for the failure message. */
  private static String entry(ConfigKey<?> k) {
    String dflt = k.defaultValue().isEmpty() ? ""
        : ",\n  \"defaultValue\": " + (k.typeName().startsWith("java.lang.") ? k.defaultValue() : "\"" + k.defaultValue() + "\"");
    return "{\n  \"name\": \"" + k.key() + "\",\n  \"type\": \"" + k.typeName() + "\",\n  \"description\": \""
        + sentence(k.meaning()) + "\"" + dflt + "\n}";
  }
}
