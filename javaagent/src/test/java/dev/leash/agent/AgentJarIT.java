package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged leash-agent.jar: self-contained, nothing outside our own namespace, an agent manifest. */
class AgentJarIT {

  @Test
  void holdsNothingOutsideOwnPackagesAndMetaInf() throws Exception {
    List<String> foreign = new ArrayList<>();
    boolean asm = false;
    List<String> byteBuddyProper = new ArrayList<>();
    boolean driver = false;
    try (JarFile jar = new JarFile(Forked.AGENT_JAR.toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String n = e.getName();
        if (!n.startsWith("dev/leash/") && !n.startsWith("META-INF/") && !n.equals("dev/")) {
          foreign.add(n);
        }
        asm |= n.equals("dev/leash/shaded/bytebuddy/jar/asm/ClassReader.class");
        if (n.startsWith("dev/leash/shaded/bytebuddy/") && !n.endsWith("/") && !n.startsWith("dev/leash/shaded/bytebuddy/jar/asm/")) {
          byteBuddyProper.add(n);
        }
        driver |= n.equals("dev/leash/internal/jdbc/InstrumentedLeases.class");
        assertThat(n).doesNotStartWith("META-INF/versions/").doesNotContain("org/slf4j").isNotEqualTo("module-info.class");
      }
    }
    assertThat(foreign).isEmpty();
    assertThat(asm).as("relocated ASM (from Byte Buddy)").isTrue();
    // The agent weaves with ASM alone; Byte Buddy's own 3,000 classes would only make the jar slower to open.
    assertThat(byteBuddyProper).as("Byte Buddy beyond its ASM").isEmpty();
    assertThat(driver).as("driver classes").isTrue();
  }

  @Test
  void manifestMakesItAnAgentAndATool() throws Exception {
    try (JarFile jar = new JarFile(Forked.AGENT_JAR.toFile())) {
      Attributes a = jar.getManifest().getMainAttributes();
      assertThat(a.getValue("Premain-Class")).isEqualTo("dev.leash.agent.LeashAgent");
      assertThat(a.getValue("Agent-Class")).isEqualTo("dev.leash.agent.LeashAgent");
      assertThat(a.getValue("Main-Class")).isEqualTo("dev.leash.agent.Main");
      assertThat(a.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(a.getValue("Can-Redefine-Classes")).isEqualTo("true");
      assertThat(a.getValue("Multi-Release")).isNull();
    }
  }
}
