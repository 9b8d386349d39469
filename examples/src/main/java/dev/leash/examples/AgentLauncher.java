package dev.leash.examples;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code agent} scenario: the {@code leak} scenario again in a child JVM that has no Leash code and
 * the raw {@code jdbc:h2:} URL, started with {@code -javaagent:leash-agent.jar=leak.threshold=2s}. The
 * child's output streams through; the scenario then says what the agent reported.
 */
final class AgentLauncher {

  /** Set by the examples' pom (demo profile and tests) to the reactor's agent jar. */
  static final String AGENT_JAR_PROPERTY = "shop.agent.jar"; // not leash.*: Leash rejects unknown keys of its own
  static final String AGENT_ARGS = "leak.threshold=2s";
  static final String BUILD_COMMAND = "./mvnw -q -B install -DskipTests";

  private AgentLauncher() {}

  static Outcome run(Options o) throws Exception {
    if (o.noLeash) {
      throw new Options.UsageException("--no-leash: the agent scenario runs its child without Leash already; use it with leak");
    }
    Path jar = agentJar(o.agentJar);
    Story.say("Scenario 'agent' (incident 003 again with no Leash code and no URL change: only -javaagent)");
    Story.say("Starting a child JVM: java -javaagent:%s=%s -cp <the examples' class path> dev.leash.examples.Shop %s --no-leash",
        jar, AGENT_ARGS, String.join(" ", o.childArgs("leak")));
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + jar + "=" + AGENT_ARGS);
    command.add("-cp");
    command.add(childClassPath());
    command.add(Shop.class.getName());
    command.addAll(o.childArgs("leak"));
    command.add("--no-leash");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Database.Target target = o.target();
    if (!target.password.isEmpty()) {
      pb.environment().put(Options.PASSWORD_ENV, target.password); // never on a command line others can read
    }
    Outcome out = new Outcome("agent");
    Process child = pb.start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println(line);
        out.childOutput.add(line);
      }
    } finally {
      out.exitCode = child.waitFor();
    }
    int suspected = 0;
    boolean leakDiagnosis = false;
    String site = null;
    for (String line : out.childOutput) {
      if (line.contains("Connection leak suspected")) {
        suspected++;
        site = site != null || !line.contains("CheckoutService.java:") ? site : line.replaceAll(".*taken at (\\S+\\)).*", "$1");
      }
      leakDiagnosis |= line.contains("Diagnosis leak");
    }
    out.suspectedLeaks = suspected;
    Story.say("The child JVM exited with code %d. With no code or URL change, the agent reported %s and %d connection.leak.suspected%s.",
        out.exitCode, leakDiagnosis ? "pool.exhausted with diagnosis leak" : "no pool.exhausted with diagnosis leak", suspected,
        site == null ? "" : " at " + site);
    return out;
  }

  /** {@code --agent-jar}, else the pom's system property, else the reactor's jar seen from the working directory. */
  static Path agentJar(String flag) throws Options.UsageException {
    Set<Path> tried = new LinkedHashSet<>();
    if (flag != null) {
      Path p = Paths.get(flag).toAbsolutePath().normalize();
      if (Files.isRegularFile(p)) {
        return p;
      }
      throw new Options.UsageException("--agent-jar: " + p + " does not exist; build it with " + BUILD_COMMAND
          + " at the project root");
    }
    String property = System.getProperty(AGENT_JAR_PROPERTY);
    if (property != null && !property.isBlank()) {
      tried.add(Paths.get(property).toAbsolutePath().normalize());
    }
    tried.add(Paths.get("..", "javaagent", "target", "leash-agent.jar").toAbsolutePath().normalize());
    tried.add(Paths.get("javaagent", "target", "leash-agent.jar").toAbsolutePath().normalize());
    for (Path p : tried) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new Options.UsageException("leash-agent.jar not found (looked at " + tried + "); build it with " + BUILD_COMMAND
        + " at the project root, or pass --agent-jar <path>");
  }

  /**
   * This JVM's class path without Leash's own classes: in the child the agent jar brings them, and a
   * second copy of the driver ahead of it on the class path would be the one loaded.
   */
  static String childClassPath() {
    List<String> keep = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String normalized = entry.replace('\\', '/');
      String name = Paths.get(entry).getFileName() == null ? "" : Paths.get(entry).getFileName().toString();
      boolean leash = name.startsWith("leash-driver") || name.startsWith("leash-javaagent") || name.equals("leash-agent.jar")
          || normalized.endsWith("driver/target/classes") || normalized.endsWith("driver/target/classes/");
      if (!entry.isEmpty() && !leash) {
        keep.add(entry);
      }
    }
    return String.join(File.pathSeparator, keep);
  }
}
