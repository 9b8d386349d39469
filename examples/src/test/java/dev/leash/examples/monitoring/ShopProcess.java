package dev.leash.examples.monitoring;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The shop example in a JVM of its own ({@code dev.leash.examples.Shop}), so that its meters, and
 * nothing of this test JVM's, are what Prometheus scrapes. Its output is collected for failure messages.
 */
final class ShopProcess implements AutoCloseable {

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  private ShopProcess(Process process) {
    this.process = process;
    Thread drain = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          output.add(line);
        }
      } catch (Exception ended) {
        // the process is gone
      }
    }, "shop-output");
    drain.setDaemon(true);
    drain.start();
  }

  /** Starts {@code Shop <args>} with this JVM's class path. */
  static ShopProcess start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.leash.examples.Shop");
    command.addAll(List.of(args));
    return new ShopProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Waits up to {@code seconds} for a line containing {@code text}. */
  boolean awaitLine(String text, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (output.stream().anyMatch(l -> l.contains(text))) {
        return true;
      }
      if (!process.isAlive()) {
        return output.stream().anyMatch(l -> l.contains(text));
      }
      Thread.sleep(100);
    }
    return false;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the shop to finish on its own; its exit code, or -1 if it had to be killed. */
  int awaitExit(long seconds) throws InterruptedException {
    if (process.waitFor(seconds, TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    close();
    return -1;
  }

  String output() {
    return String.join("\n", output);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
