package dev.leash.agent;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar leash-agent.jar}: loads Leash into a running JVM ({@code attach}) or prints the
 * holders report of one where it runs ({@code dump}). Both use the JDK attach API (module
 * {@code jdk.attach}), so they need a JDK, not a JRE. The dump travels through a temporary file the
 * target JVM writes: local only, same user.
 */
public final class Main {

  static final String USAGE = String.join(System.lineSeparator(),
      "Leash: keeps every JDBC connection on a leash.",
      "",
      "Usage:",
      "  java -javaagent:leash-agent.jar[=key=value,...] -jar app.jar   start an application with Leash",
      "  java -jar leash-agent.jar attach <pid> [key=value,...]          load Leash into a running JVM",
      "  java -jar leash-agent.jar dump <pid>                            print who holds connections now",
      "",
      "Keys as in leash.properties, with or without the leash. prefix, e.g. leak.threshold=10s,stack.depth=16.",
      "On JDK 21+ a dynamically loaded agent makes the target print a warning; start the target with",
      "-XX:+EnableDynamicAgentLoading to allow it silently (a future JDK may refuse attach without it).",
      "Connections taken before an attach are not tracked.");

  private Main() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      out.println(USAGE);
      return 0;
    }
    String command = args[0];
    if ((command.equals("attach") && args.length >= 2) || (command.equals("dump") && args.length == 2)) {
      String pid = args[1];
      try {
        Long.parseLong(pid);
      } catch (NumberFormatException e) {
        err.println("leash: '" + pid + "' is not a process id");
        return 2;
      }
      try {
        if (command.equals("attach")) {
          String agentArgs = String.join(",", Arrays.asList(args).subList(2, args.length));
          load(pid, agentArgs);
          out.println("Leash loaded into JVM " + pid + (agentArgs.isEmpty() ? "" : " with " + agentArgs)
              + "; its reports go to that JVM's log (connections taken before now are not tracked).");
        } else {
          out.print(dump(pid));
        }
        return 0;
      } catch (Failure f) {
        err.println("leash: " + f.getMessage());
        return 1;
      }
    }
    err.println(USAGE);
    return 2;
  }

  private static String dump(String pid) throws Failure {
    Path file;
    try {
      file = Files.createTempFile("leash-dump-", ".txt");
    } catch (Exception e) {
      throw new Failure("cannot create a temporary file for the dump: " + e);
    }
    try {
      load(pid, LeashAgent.DUMP_ARGUMENT + file.toAbsolutePath());
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        throw new Failure("JVM " + pid + " wrote no holders report (see its stderr)");
      }
      return text;
    } catch (java.io.IOException e) {
      throw new Failure("cannot read the holders report: " + e);
    } finally {
      file.toFile().delete();
    }
  }

  /** Attaches to {@code pid} and loads this jar with {@code agentArgs}, through reflection so a JRE gets a clear message. */
  private static void load(String pid, String agentArgs) throws Failure {
    Class<?> vmClass;
    try {
      vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
    } catch (ClassNotFoundException | LinkageError e) {
      throw new Failure("attach needs a JDK with the jdk.attach module; this Java runtime has none ("
          + System.getProperty("java.home") + ")");
    }
    Object vm;
    try {
      vm = vmClass.getMethod("attach", String.class).invoke(null, pid);
    } catch (InvocationTargetException e) {
      throw new Failure("no JVM with pid " + pid + " (or it does not allow attach): " + reason(e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw new Failure("the attach API failed: " + e);
    }
    try {
      Method loadAgent = vmClass.getMethod("loadAgent", String.class, String.class);
      loadAgent.invoke(vm, agentJar(), agentArgs);
    } catch (InvocationTargetException e) {
      throw new Failure("could not load Leash into JVM " + pid + ": " + reason(e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw new Failure("the attach API failed: " + e);
    } finally {
      try {
        vmClass.getMethod("detach").invoke(vm);
      } catch (ReflectiveOperationException ignored) {
        // The connection goes away with this process anyway.
      }
    }
  }

  private static String agentJar() throws Failure {
    try {
      return new File(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getAbsolutePath();
    } catch (Exception e) {
      throw new Failure("cannot locate leash-agent.jar: " + e);
    }
  }

  private static String reason(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }
}
