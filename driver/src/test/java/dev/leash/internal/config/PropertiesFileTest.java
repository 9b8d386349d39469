package dev.leash.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.config.LeashConfig;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leash.properties} found through the thread's context class loader. */
class PropertiesFileTest {

  @TempDir Path dir;

  private ClassLoader saved;
  private URLClassLoader loader;

  @BeforeEach
  void isolate() {
    saved = Thread.currentThread().getContextClassLoader();
    ConfigLoader.setAmbientForTests(Map.of(), Map.of());
  }

  @AfterEach
  void restore() throws IOException {
    Thread.currentThread().setContextClassLoader(saved);
    if (loader != null) {
      loader.close();
    }
    ConfigLoader.resetForTests();
  }

  private void useFile(String content) throws IOException {
    Files.write(dir.resolve("leash.properties"), content.getBytes(StandardCharsets.UTF_8));
    // parent null: only the temp dir (and the bootstrap loader) is visible through it
    loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    Thread.currentThread().setContextClassLoader(loader);
  }

  @Test
  void readsTheFileOfTheContextClassLoader() throws IOException {
    useFile("# Leash settings\nleash.leak.threshold = 45s\nleash.site.exclude=com.acme.dao,\\\n  com.acme.util\n");

    LeashConfig c = ConfigLoader.load();

    assertThat(c.leakThreshold()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.siteExcludes()).containsExactly("com.acme.dao", "com.acme.util");
  }

  @Test
  void theFileIsTheLowestConfiguredSource() throws IOException {
    useFile("leash.stack.depth=4\nleash.jfr=false\nleash.jmx=false\n");
    ConfigLoader.setAmbientForTests(Map.of("leash.jmx", "true"), Map.of("LEASH_STACK_DEPTH", "16"));

    LeashConfig c = ConfigLoader.load();

    assertThat(c.stackDepth()).isEqualTo(16);
    assertThat(c.jmxEnabled()).isTrue();
    assertThat(c.jfrEnabled()).isFalse();
  }

  @Test
  void problemsInTheFileNameItAndTheKeyKeepsItsDefault() throws IOException {
    useFile("leash.report.interval=often\n");

    ConfigLoader.Result r = ConfigLoader.loadWithProblems(null);

    assertThat(r.config().reportInterval()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0)).hasMessage("leash.report.interval: 'often' (leash.properties) is not a duration; "
            + "use 250ms, 30s, 5m or PT30S (a bare number is milliseconds)");
    assertThat(ConfigLoader.load()).as("the file is ambient: never an error").isEqualTo(LeashConfig.defaults());
  }

  @Test
  void everyKeyInTheFileIsChecked() throws IOException {
    useFile("jmx=false\n");

    assertThat(ConfigLoader.loadWithProblems(null).problems()).singleElement().extracting(Throwable::getMessage)
        .asString().startsWith("jmx: 'false' (leash.properties) is not a known key; did you mean leash.jmx?");
    assertThat(ConfigLoader.loadLenient().problems()).hasSize(1);
    assertThat(ConfigLoader.load().jmxEnabled()).as("an unknown key is ignored").isTrue();
  }

  @Test
  void withoutAContextClassLoaderTheFileIsLookedUpThroughLeashsOwnLoader() {
    Thread.currentThread().setContextClassLoader(null);
    assertThat(ConfigLoader.load()).isEqualTo(LeashConfig.defaults()); // the test class path has no leash.properties
    assertThat(Source.propertiesFile(null).values()).isEmpty();
  }

  @Test
  void aLoaderWithoutTheFileGivesAnEmptySource() {
    loader = new URLClassLoader(new URL[0], null);
    assertThat(Source.propertiesFile(loader).values()).isEmpty();
    assertThat(Source.propertiesFile(loader).name()).isEqualTo("leash.properties");
  }
}
