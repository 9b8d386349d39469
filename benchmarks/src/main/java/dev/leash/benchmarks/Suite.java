package dev.leash.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks jar's main: JMH's own command line, plus one decision JMH cannot make. If nothing
 * listens on PostgreSQL's port (127.0.0.1:5432) and the command does not choose {@code db} itself,
 * {@link RealisticLoopBenchmark} runs on H2 only ({@code -p db=h2}) instead of failing its trials.
 */
public final class Suite {

  private Suite() {}

  public static void main(String[] args) throws Exception {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    boolean dbChosen = all.stream().anyMatch(a -> a.startsWith("db="));
    boolean listing = all.contains("-h") || all.contains("-l") || all.contains("-lp") || all.contains("-lprof");
    if (!dbChosen && !listing && !postgresReachable()) {
      System.out.println("# PostgreSQL not reachable at 127.0.0.1:5432: RealisticLoopBenchmark runs with -p db=h2 only");
      all.add("-p");
      all.add("db=h2");
    }
    org.openjdk.jmh.Main.main(all.toArray(new String[0]));
  }

  static boolean postgresReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
