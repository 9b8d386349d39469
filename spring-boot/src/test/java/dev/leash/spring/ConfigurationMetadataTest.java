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
 * metadata has it.
 */
class ConfigurationMetadataTest {

  @Test
  void theMetadataListsEveryDriverKeyWithItsDefault() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
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
}
