package dev.leash.examples;

import dev.leash.event.PoolEvent;
import java.util.ArrayList;
import java.util.List;

/** What one scenario run produced: the traffic counts, what Leash said, and the exit code. */
final class Outcome {

  final String scenario;
  int exitCode;
  /** Each traffic run, in order, with the pool size it had. */
  final List<Traffic> runs = new ArrayList<>();
  final List<Integer> poolSizes = new ArrayList<>();
  /** The schema (part of the pool URL, so of Leash's {@code db}) of each run. */
  final List<String> schemas = new ArrayList<>();
  /** The first run's {@code pool.exhausted}, or null. */
  PoolEvent exhausted;
  /** From {@code pool_too_small}: "peak demand N" and "Suggested maximum: M.", or -1. */
  int peakDemand = -1;
  int suggestedMaximum = -1;
  int suspectedLeaks;
  int heldBusy;
  /** For {@code agent}: every line the child JVM printed. */
  final List<String> childOutput = new ArrayList<>();

  Outcome(String scenario) {
    this.scenario = scenario;
  }

  void run(Traffic traffic, int poolSize, Database db) {
    runs.add(traffic);
    poolSizes.add(poolSize);
    schemas.add(db.schema());
  }
}
