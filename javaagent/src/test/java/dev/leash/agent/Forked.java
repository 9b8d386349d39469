package dev.leash.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the test programs ({@code leakapp.*}) in forked JVMs with the packaged {@code leash-agent.jar},
 * on the JDK running the tests and, when present, on JDK 25 ({@code LEASH_JDK25_HOME} or the Temurin 25
 * JDK beside the default one).
 */
final class Forked {

  static final Path AGENT_JAR = Paths.get(System.getProperty("agent.jar", "target/leash-agent.jar")).toAbsolutePath();
  static final Path TEST_CLASSES = Paths.get(System.getProperty("test.classes", "target/test-classes")).toAbsolutePath();
  static final Path TEST_SOURCES = Paths.get(System.getProperty("test.sources", "src/test/java")).toAbsolutePath();
  static final Path DEFAULT_JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

  /**
   * Libraries the programs may use: never Leash's own jars (the agent jar brings those). Byte Buddy only as
   * Mockito's (the agent's own copy is relocated inside the agent jar), for the programs that mock JDBC types.
   */
  private static final Pattern PROGRAM_LIBS = Pattern.compile(
      "(slf4j-api|logback-(classic|core)|h2|HikariCP|commons-dbcp2|commons-pool2|commons-logging|c3p0|mchange-commons-java"
          + "|tomcat-jdbc|tomcat-juli|jakarta\\.transaction-api|mockito-core|byte-buddy|byte-buddy-agent|objenesis"
          + "|spring-(jdbc|tx|core|beans|jcl))-[0-9].*\\.jar");

  private Forked() {}

  /** The java executables to test on: this JDK's, then JDK 25's when installed. */
  static Stream<String> javas() {
    List<String> out = new ArrayList<>();
    out.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    String env = System.getenv("LEASH_JDK25_HOME");
    Path jdk25 = env != null && !env.isBlank() ? Paths.get(env) : DEFAULT_JDK25;
    Path java25 = jdk25.resolve("bin").resolve("java");
    if (Files.isExecutable(java25) && !out.contains(java25.toString())) {
      out.add(java25.toString());
    }
    return out.stream();
  }

  /** The version label of a java executable's JDK, for test names. */
  static String label(String java) {
    return java.contains("25") ? "JDK 25" : "JDK " + Runtime.version().feature();
  }

  /** Test classes plus the libraries matching {@code names} (a regex on the jar's artifact name), as a class path. */
  static String classPath(String names) {
    Pattern wanted = Pattern.compile("(" + names + ")-[0-9].*\\.jar");
    List<String> parts = new ArrayList<>();
    parts.add(TEST_CLASSES.toString());
    for (String entry : testClassPath()) {
      String file = new File(entry).getName();
      if (PROGRAM_LIBS.matcher(file).matches() && wanted.matcher(file).matches()) {
        parts.add(entry);
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  /**
   * What an application's unit tests run on: JUnit (with its launcher), Mockito with its own Byte Buddy
   * and Objenesis (the agent's Byte Buddy is relocated, so the two never meet), AssertJ and H2.
   */
  private static final Pattern TEST_RUNNER_LIBS = Pattern.compile(
      "(junit-jupiter-(api|engine|params)|junit-platform-(commons|engine|launcher)|opentest4j|apiguardian-api"
          + "|mockito-(core|junit-jupiter)|byte-buddy|byte-buddy-agent|objenesis|assertj-core|h2)-[0-9].*\\.jar");

  /** Test classes plus {@link #TEST_RUNNER_LIBS}, for programs that run an application's own tests. */
  static String testRunnerClassPath() {
    List<String> parts = new ArrayList<>();
    parts.add(TEST_CLASSES.toString());
    for (String entry : testClassPath()) {
      if (TEST_RUNNER_LIBS.matcher(new File(entry).getName()).matches()) {
        parts.add(entry);
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  /** Every library a program may use, but the mocking ones. */
  static String fullClassPath() {
    return classPath("(?!mockito|byte-buddy|objenesis|spring).*");
  }

  /** Every library a program may use, Mockito and its Byte Buddy included. */
  static String classPathWithMockito() {
    return classPath(".*");
  }

  private static List<String> testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return Arrays.asList(cp.split(File.pathSeparator));
  }

  /** The 1-based line of {@code // LEAK} in a program's source. */
  static int leakLine(String program) throws IOException {
    List<String> lines = Files.readAllLines(TEST_SOURCES.resolve("leakapp").resolve(program + ".java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// LEAK")) {
        return i + 1;
      }
    }
    throw new AssertionError("no // LEAK line in " + program);
  }

  static String site(String program) throws IOException {
    return "leakapp." + program + ".main(" + program + ".java:" + leakLine(program) + ")";
  }

  /** Starts a JVM: {@code java [jvmArgs] -cp classPath mainClass}, output to files. */
  static Run start(String java, List<String> jvmArgs, String classPath, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    if (classPath != null) {
      cmd.add("-cp");
      cmd.add(classPath);
    }
    cmd.add(mainClass);
    cmd.addAll(Arrays.asList(args));
    return new Run(cmd);
  }

  /** Runs {@code java -jar leash-agent.jar args} to completion. */
  static Run agentMain(String java, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java, "-jar", AGENT_JAR.toString()));
    cmd.addAll(Arrays.asList(args));
    Run r = new Run(cmd);
    r.await(60);
    return r;
  }

  static List<String> javaagent(String agentArgs) {
    return List.of("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
  }

  /** How a Logback line of the test programs starts: {@code 05:59:37.153 [thread] }. */
  private static final Pattern LOG_LINE_START = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[");

  /** One forked JVM and its output files. */
  static final class Run {
    final Process process;
    final Path out;
    final Path err;
    final List<String> command;
    int exit = -1;

    Run(List<String> command) throws IOException {
      this.command = command;
      this.out = Files.createTempFile("leash-it-out", ".txt");
      this.err = Files.createTempFile("leash-it-err", ".txt");
      this.process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    Run await(long seconds) throws Exception {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command + "\n" + describe());
      }
      exit = process.exitValue();
      return this;
    }

    String stdout() {
      return read(out);
    }

    String stderr() {
      return read(err);
    }

    List<String> stdoutLines(String containing) {
      return stdout().lines().filter(l -> l.contains(containing)).collect(Collectors.toList());
    }

    /**
     * The program's Logback events (as its test {@code logback.xml} prints them, a message may span lines)
     * whose key-values say {@code event="name"}, each as its full text.
     */
    List<String> logEvents(String name) {
      List<String> events = new ArrayList<>();
      StringBuilder current = null;
      for (String line : stdout().split("\n", -1)) {
        if (LOG_LINE_START.matcher(line).lookingAt() || line.startsWith("program: ")) {
          if (current != null) {
            events.add(current.toString());
          }
          current = new StringBuilder(line);
        } else if (current != null) {
          current.append('\n').append(line);
        }
      }
      if (current != null) {
        events.add(current.toString());
      }
      String key = "event=\"" + name + "\"";
      return events.stream().filter(e -> e.contains(key)).collect(Collectors.toList());
    }

    /** Waits until stdout has {@code count} lines containing {@code text}. */
    void awaitStdout(String text, int count, long seconds) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (stdoutLines(text).size() < count) {
        if (System.nanoTime() > end || !process.isAlive()) {
          assertThat(stdoutLines(text)).as("waiting for '%s' in\n%s", text, describe()).hasSizeGreaterThanOrEqualTo(count);
        }
        Thread.sleep(50);
      }
    }

    String describe() {
      return "command: " + String.join(" ", command) + "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    }

    private static String read(Path p) {
      try {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }
}
