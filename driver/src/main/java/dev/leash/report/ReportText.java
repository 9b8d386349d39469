package dev.leash.report;

import dev.leash.event.Holders;
import dev.leash.event.PoolDiagnosis;
import dev.leash.event.PoolEvent;
import java.util.List;
import java.util.Map;

/**
 * Leash's wording for readers that show text but are not log sinks: JFR's text fields, the JMX {@code dump()},
 * {@code leash-agent.jar dump}, the Actuator endpoint's diagnosis sentence. The same sentences the log lines
 * carry, written from the same records.
 */
public final class ReportText {

  private ReportText() {}

  /** The diagnosis in one sentence with its evidence (and the remote-call hint, when there is one). */
  public static String diagnosis(PoolDiagnosis d) {
    return DiagnosisText.of(d);
  }

  /** One pool's holders report, multi-line: {@code Holders: 5 open leases, by path (most first): ...}. */
  public static String holders(Holders h) {
    return HoldersText.of(h);
  }

  /** Every pool's holders report, with the note on untracked leases when {@code droppedLeases} is not 0. */
  public static String holdersByPool(List<Holders> pools, long droppedLeases) {
    return HoldersText.byPool(pools, droppedLeases);
  }

  /** The readable message of a pool event, as its log line carries it. */
  public static String message(PoolEvent e) {
    return EventFormatter.pool(e).message;
  }

  /** {@code trace_id=4bf92f35... span_id=00f067aa...}; empty for an empty context. */
  public static String context(Map<String, String> context) {
    return Frames.context(context);
  }
}
