package dev.leash.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Start-up cost of {@code -javaagent:leash-agent.jar}, without JMH: starts each program with and without
 * the agent, alternating (so that a machine getting busier or quieter hits both sides alike), and prints
 * the median wall time and CPU time (user + system) of each side, their difference and ratio. On a busy
 * machine the CPU time is the steadier figure: the wall time includes waiting for a core.
 *
 * <ul>
 *   <li>{@code jdbc}: {@link HelloJdbc} (open an H2 connection, one query, exit), on a class path of H2 and
 *       itself (copied out of this jar); the time is launch to exit.</li>
 *   <li>{@code boot}: the Spring Boot example ({@code java -jar shop.jar}, web, JDBC, HikariCP, H2); the time
 *       is launch to the first {@code 200} of {@code GET /products}, which runs a query through the pool. The
 *       process is then stopped.</li>
 * </ul>
 *
 * Then one run of each program per side with {@code -Xlog:class+load} counts the classes loaded before the
 * program's main class (what premain loads) and in all. The load average is printed before and after:
 * figures from a busy machine only compare within one run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.leash.benchmarks.startup.StartupHarness \
 *     [--agent javaagent/target/leash-agent.jar] [--boot spring-boot/example/target/shop.jar] \
 *     [--java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--runs 5] [--only jdbc|boot]</pre>
 */
public final class StartupHarness {

  private static final String SHOP_MAIN = "dev.leash.examples.boot.ShopApplication";
  /** Generous: on a 2-core machine shared with several builds a Spring Boot start took over two minutes. */
  private static final long BOOT_TIMEOUT_MS = 300_000;

  private final String java;
  private final Path agent;
  private final int runs;

  private StartupHarness(String java, Path agent, int runs) {
    this.java = java;
    this.agent = agent;
    this.runs = runs;
  }

  public static void main(String[] args) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Path agent = Paths.get("javaagent/target/leash-agent.jar");
    Path boot = Paths.get("spring-boot/example/target/shop.jar");
    int runs = 5;
    String only = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent": agent = Paths.get(args[++i]); break;
        case "--boot": boot = Paths.get(args[++i]); break;
        case "--java": java = args[++i]; break;
        case "--runs": runs = Integer.parseInt(args[++i]); break;
        case "--only": only = args[++i]; break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]
            + "; use --agent JAR --boot JAR --java PATH --runs N --only jdbc|boot");
      }
    }
    if (!Files.isRegularFile(agent)) {
      throw new IllegalArgumentException("no agent jar at " + agent + " (build javaagent first, or pass --agent)");
    }
    StartupHarness h = new StartupHarness(java, agent.toAbsolutePath(), runs);
    System.out.printf("# %s, agent %s (%d KiB), %d runs per side, alternating; load average %s%n",
        h.javaVersion(), agent, Files.size(agent) / 1024, runs, loadAverage());
    if (only == null || only.equals("jdbc")) {
      h.compare("jdbc", h.jdbcCommand(), null);
    }
    if (only == null || only.equals("boot")) {
      if (Files.isRegularFile(boot)) {
        h.compare("boot", h.bootCommand(boot.toAbsolutePath()), boot);
      } else {
        System.out.println("# boot: no " + boot + " (build spring-boot/example, or pass --boot); skipped");
      }
    }
    System.out.printf("# load average after: %s%n", loadAverage());
  }

  /** The JVM arguments and main of the JDBC program: a class path of H2 and the program alone. */
  private List<String> jdbcCommand() throws IOException {
    return List.of("-cp", helloJar().toString(), HelloJdbc.class.getName());
  }

  /**
   * A jar holding {@link HelloJdbc} and H2, copied out of this (fat) jar: a hello-world program's class path has
   * one driver, not the benchmarks' other drivers (whose {@code DriverManager} registration, Leash's URL driver
   * among them, would load and weave classes such a program never has) nor their logging backend.
   */
  private static Path helloJar() throws IOException {
    Path jar = Files.createTempFile("startup-hello-", ".jar");
    jar.toFile().deleteOnExit();
    String hello = HelloJdbc.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (!entry.endsWith(".jar")) {
          continue;
        }
        try (JarFile in = new JarFile(entry)) {
          for (JarEntry e : Collections.list(in.entries())) {
            if (!e.isDirectory() && (e.getName().startsWith("org/h2/") || e.getName().equals(hello))) {
              out.putNextEntry(new JarEntry(e.getName()));
              try (InputStream data = in.getInputStream(e)) {
                data.transferTo(out);
              }
              out.closeEntry();
            }
          }
        }
      }
      out.putNextEntry(new JarEntry("META-INF/services/java.sql.Driver"));
      out.write("org.h2.Driver\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private List<String> bootCommand(Path jar) {
    return List.of("-jar", jar.toString());
  }

  private void compare(String name, List<String> program, Path bootJar) throws Exception {
    List<Long> plain = new ArrayList<>();
    List<Long> withAgent = new ArrayList<>();
    List<Long> plainCpu = new ArrayList<>();
    List<Long> agentCpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // Alternating, and which side goes first alternates too.
      boolean agentFirst = i % 2 == 1;
      for (int side = 0; side < 2; side++) {
        boolean useAgent = (side == 0) == agentFirst;
        long[] wallCpu = bootJar == null ? timeToExit(useAgent, program) : timeToFirstResponse(useAgent, program);
        (useAgent ? withAgent : plain).add(wallCpu[0]);
        System.err.printf("# %s run %d %s the agent: %d ms wall, %d ms CPU%n", name, i + 1, useAgent ? "with" : "without",
            wallCpu[0], wallCpu[1]);
        (useAgent ? agentCpu : plainCpu).add(wallCpu[1]);
      }
    }
    long p = median(plain);
    long a = median(withAgent);
    long pc = median(plainCpu);
    long ac = median(agentCpu);
    System.out.printf(Locale.ROOT, "%s: wall median %d ms without, %d ms with the agent: %+d ms, ratio %.2f "
        + "(runs without %s, with %s; load average %s)%n", name, p, a, a - p, (double) a / p, plain, withAgent,
        loadAverage());
    System.out.printf(Locale.ROOT, "%s: CPU (user+system) median %d ms without, %d ms with the agent: %+d ms, ratio %.2f "
        + "(runs without %s, with %s)%n", name, pc, ac, ac - pc, (double) ac / pc, plainCpu, agentCpu);
    String mainClass = bootJar == null ? HelloJdbc.class.getName() : SHOP_MAIN;
    int[] plainClasses = classCounts(false, program, mainClass, bootJar != null);
    int[] agentClasses = classCounts(true, program, mainClass, bootJar != null);
    System.out.printf("%s: classes loaded before %s: %d without, %d with the agent (+%d); in all: %d without, "
        + "%d with (+%d)%n", name, mainClass, plainClasses[0], agentClasses[0], agentClasses[0] - plainClasses[0],
        plainClasses[1], agentClasses[1], agentClasses[1] - plainClasses[1]);
  }

  private List<String> command(boolean useAgent, List<String> extraJvm, List<String> program) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    if (useAgent) {
      cmd.add("-javaagent:" + agent);
    }
    cmd.addAll(extraJvm);
    cmd.addAll(program);
    return cmd;
  }

  /** {wall ms, CPU ms}: launch to exit; the CPU time from bash's {@code time} around the JVM. */
  private long[] timeToExit(boolean useAgent, List<String> program) throws Exception {
    Path out = Files.createTempFile("startup-", ".out");
    Path cpu = Files.createTempFile("startup-", ".cpu");
    try {
      List<String> cmd = new ArrayList<>(List.of("bash", "-c",
          "TIMEFORMAT='%3U %3S'; { time \"$@\" > \"$0\" 2>&1 ; } 2> " + cpu, out.toString()));
      cmd.addAll(command(useAgent, List.of(), program));
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("no exit within 60 s: " + cmd);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      String text = Files.readString(out);
      // Without a logging backend on its class path, Leash writes its leash.started line on stderr.
      if (p.exitValue() != 0 || !text.contains("hello 42")) {
        throw new IllegalStateException("unexpected run (exit " + p.exitValue() + "): " + text);
      }
      String[] userSys = Files.readString(cpu).trim().split("\\s+");
      long cpuMs = Math.round((Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1])) * 1000);
      return new long[] {ms, cpuMs};
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(cpu);
    }
  }

  /** {wall ms, CPU ms}: launch to the first 200 of GET /products; the CPU time the JVM had used by then. */
  private long[] timeToFirstResponse(boolean useAgent, List<String> program) throws Exception {
    int port = freePort();
    List<String> args = new ArrayList<>(program);
    args.add("--server.port=" + port);
    Path out = Files.createTempFile("startup-boot-", ".out");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command(useAgent, List.of(), args)).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    try {
      URL url = new URL("http://127.0.0.1:" + port + "/products");
      while (true) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the application stopped (exit " + p.exitValue() + "): " + Files.readString(out));
        }
        if ((System.nanoTime() - t0) / 1_000_000 > BOOT_TIMEOUT_MS) {
          throw new IllegalStateException("no answer within " + BOOT_TIMEOUT_MS + " ms: " + Files.readString(out));
        }
        if (answers(url)) {
          long ms = (System.nanoTime() - t0) / 1_000_000;
          long cpuMs = p.toHandle().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
          return new long[] {ms, cpuMs};
        }
        Thread.sleep(10);
      }
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      String text = Files.readString(out);
      Files.deleteIfExists(out);
      if (useAgent && text.contains("leash: the agent could not start")) {
        throw new IllegalStateException("the agent did not start: " + text);
      }
    }
  }

  private static boolean answers(URL url) {
    try {
      HttpURLConnection c = (HttpURLConnection) url.openConnection();
      c.setConnectTimeout(200);
      c.setReadTimeout(5_000);
      try (InputStream in = c.getInputStream()) {
        in.readAllBytes();
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException notYet) {
      return false;
    }
  }

  /** {classes loaded before {@code mainClass}, classes loaded in all}, from one run with {@code -Xlog:class+load}. */
  private int[] classCounts(boolean useAgent, List<String> program, String mainClass, boolean boot) throws Exception {
    Path log = Files.createTempFile("startup-classes-", ".log");
    try {
      List<String> jvm = List.of("-Xlog:class+load=info:file=" + log + ":none");
      if (boot) {
        timeToFirstResponse(useAgent, withJvm(jvm, program));
      } else {
        Process p = new ProcessBuilder(command(useAgent, jvm, program)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int before = lines.size();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith(mainClass + " ")) {
          before = i;
          break;
        }
      }
      return new int[] {before, lines.size()};
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static List<String> withJvm(List<String> jvm, List<String> program) {
    List<String> all = new ArrayList<>(jvm);
    all.addAll(program);
    return all;
  }

  private String javaVersion() throws Exception {
    Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text.lines().filter(l -> l.contains("Runtime Environment")).findFirst().orElse(java).trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
