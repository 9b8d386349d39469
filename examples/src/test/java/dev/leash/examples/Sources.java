package dev.leash.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Sites as Leash prints them, with line numbers read from the examples' sources (so edits cannot silently break tests). */
final class Sources {

  private Sources() {}

  /** {@code dev.leash.examples.Cls.method(Cls.java:N)} for the first line of {@code cls} containing {@code code}. */
  static String site(String cls, String method, String code) throws IOException {
    Path source = Paths.get("src/main/java/dev/leash/examples", cls + ".java");
    List<String> lines = Files.readAllLines(source);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(code)) {
        return "dev.leash.examples." + cls + "." + method + "(" + cls + ".java:" + (i + 1) + ")";
      }
    }
    throw new AssertionError("no line containing '" + code + "' in " + source);
  }

  /**
   * With Leash only in the pool's URL, where the leaked connection is first used (line 25): in that mode a
   * borrow is seen at the first call the application makes on the connection, not at getConnection().
   */
  static String leakSiteInUrlMode() throws IOException {
    return site("CheckoutService", "placeOrder", "c.setAutoCommit(false);");
  }

  /** Where CheckoutService.placeOrder takes the connection it leaks (line 24, as the README says). */
  static String leakSite() throws IOException {
    return site("CheckoutService", "placeOrder", "Connection c = db.getConnection();");
  }
}
