package leakapp;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link HikariLeak} inside a child {@code URLClassLoader} (parent: the platform loader) that holds
 * the program, HikariCP, H2, SLF4J and Logback, none of which the system class path has, and makes it the
 * context loader, as a servlet container or Spring Boot's launcher does. Class path of the child: {@code -Dchild.cp}.
 */
public final class ChildLoaderLaunch {
  public static void main(String[] args) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String p : System.getProperty("child.cp").split(File.pathSeparator)) {
      urls.add(new File(p).toURI().toURL());
    }
    URLClassLoader child = new URLClassLoader("app", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(child);
    Class<?> app = Class.forName("leakapp.HikariLeak", true, child);
    System.out.println("program: HikariLeak loaded by " + app.getClassLoader().getName());
    app.getMethod("main", String[].class).invoke(null, (Object) args);
  }
}
