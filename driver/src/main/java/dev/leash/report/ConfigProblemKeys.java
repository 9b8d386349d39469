package dev.leash.report;

import dev.leash.event.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** The key-values of {@code leash.config.rejected}, shared by the SLF4J and stderr reporters. */
final class ConfigProblemKeys {

  static final String EVENT = "leash.config.rejected";

  private ConfigProblemKeys() {}

  /** {@code key}, {@code value}, {@code source}, {@code suggestion}, {@code default}: each only when known. */
  static List<String[]> of(ConfigProblem p) {
    List<String[]> out = new ArrayList<>(5);
    add(out, "key", p.key());
    add(out, "value", p.value());
    add(out, "source", p.source());
    add(out, "suggestion", p.suggestion());
    add(out, "default", p.defaultValue());
    return out;
  }

  private static void add(List<String[]> out, String key, String value) {
    if (value != null) {
      out.add(new String[] {key, value});
    }
  }
}
