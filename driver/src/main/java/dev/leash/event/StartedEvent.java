package dev.leash.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code leash.started}: emitted once per process, at the first connection Leash sees. */
public final class StartedEvent {
  private final String mode;
  private final String version;
  private final Map<String, String> config;

  public StartedEvent(String mode, String version, Map<String, String> config) {
    this.mode = mode;
    this.version = version;
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** {@code driver}, {@code datasource} or {@code agent}. */
  public String mode() {
    return mode;
  }

  public String version() {
    return version;
  }

  /** Effective configuration, key → value as text in a stable order, secrets masked. */
  public Map<String, String> config() {
    return config;
  }
}
