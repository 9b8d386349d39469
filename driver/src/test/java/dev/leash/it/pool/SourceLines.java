package dev.leash.it.pool;

/** The line of a test source file that ends with a marker comment, so that edits above it cannot break an expected site. */
final class SourceLines {

  private SourceLines() {}

  static int of(String file, String marker) {
    try {
      java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Paths.get(file));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).trim().endsWith(marker)) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("marker not found: " + marker);
  }
}
