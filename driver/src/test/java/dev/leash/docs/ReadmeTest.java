package dev.leash.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.leash.config.ConfigKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README is the front door: its configuration table and quoted messages must match the code. */
class ReadmeTest {

  private static final Pattern ROW = Pattern.compile("^\\| `(leash\\.[a-z.]+)` \\| ([^|]+) \\| ([^|]+) \\|$");

  private static String readme() throws IOException {
    // Surefire runs with the module directory as working directory.
    Path p = Paths.get("..", "README.md");
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  private static Map<String, String> configTable() throws IOException {
    return configTable(2);
  }

  /** Key → the text of column {@code column} (2: default, 3: meaning) of the configuration table. */
  private static Map<String, String> configTable(int column) throws IOException {
    String text = readme();
    String section = text.substring(text.indexOf("## Configuration"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      Matcher m = ROW.matcher(line.trim());
      if (m.matches()) {
        rows.put(m.group(1), m.group(column).trim());
      }
    }
    return rows;
  }

  @Test
  void configurationTableListsExactlyTheKeysWithTheirDefaults() throws IOException {
    Map<String, String> rows = configTable();
    Map<String, String> expected = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      expected.put(k.key(), k.defaultValue().isEmpty() ? "(built-in list)" : "`" + k.defaultValue() + "`");
    }
    assertThat(rows).containsExactlyEntriesOf(expected);
  }

  @Test
  void everyRowSaysTheKeysMeaningFirst() throws IOException {
    Map<String, String> meanings = configTable(3);
    for (ConfigKey<?> k : ConfigKey.values()) {
      assertThat(meanings.get(k.key())).as(k.key()).startsWith(k.meaning());
    }
  }

  @Test
  void quotedConfigurationErrorIsTheRealOne() throws IOException {
    Properties props = new Properties();
    props.setProperty("leash.leak.threshold", "5x");
    SQLException e = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection("jdbc:leash:h2:mem:readme", props));
    assertThat(readme()).contains("\n" + e.getMessage() + "\n");
  }
}
