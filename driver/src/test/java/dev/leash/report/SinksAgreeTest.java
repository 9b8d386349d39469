package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.leash.event.ConfigProblem;
import dev.leash.event.LeakEvent;
import dev.leash.event.LeaseView;
import dev.leash.event.LeashListener;
import dev.leash.event.PoolEvent;
import dev.leash.internal.track.PoolEventBuilder;
import dev.leash.internal.util.Notice;
import dev.leash.internal.util.NoticeListener;
import dev.leash.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/**
 * The SLF4J and stderr sinks write what one formatter yields: for every event, the same message, level, logger
 * and key-values in the same order (they drifted once: commit 2f7fef5, and stderr's connection.nested lacked
 * path and held_path). Only how a line is laid out differs.
 */
class SinksAgreeTest {

  private final LogCapture logs = new LogCapture();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final StderrReporter stderr = new StderrReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private final Slf4jReporter slf4j = new Slf4jReporter();

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private static final String SITE = "com.shop.Db.open(Db.java:31)";
  private static final String PATH = SITE + " <- com.shop.Checkout.place(Checkout.java:88)";

  private static LeaseView lease() {
    return new LeaseView() {
      @Override public long id() { return 42; }
      @Override public String pool() { return "shop-pool"; }
      @Override public String db() { return "jdbc:h2:mem:shop"; }
      @Override public String threadName() { return "shopper-1"; }
      @Override public String site() { return SITE; }
      @Override public String path() { return PATH; }
      @Override public List<StackTraceElement> stack() {
        return List.of(new StackTraceElement("com.shop.Db", "open", "Db.java", 31));
      }
      @Override public long startedAtMillis() { return 0; }
      @Override public boolean busy() { return false; }
      @Override public Map<String, String> context() { return Map.of("trace_id", "4bf92f35"); }
    };
  }

  @Test
  void leakEventsReadTheSameInBothSinks() {
    for (LeakEvent.Kind kind : LeakEvent.Kind.values()) {
      agree(new LeakEvent(kind, lease(), 31_000, 30_500, true), l -> l.leak(new LeakEvent(kind, lease(), 31_000, 30_500, true)));
    }
  }

  @Test
  void poolEventsReadTheSameInBothSinks() {
    agree("nested", l -> l.pool(new PoolEventBuilder(PoolEvent.Kind.NESTED).pool("shop-pool").db("d").thread("t")
        .site(SITE).path(PATH).heldSite(SITE).heldPath(SITE + " <- com.shop.Refunds.refund(Refunds.java:12)")
        .inUse(1).max(5).build()));
    agree("slow", l -> l.pool(new PoolEventBuilder(PoolEvent.Kind.WAIT_SLOW).pool("shop-pool").db("d").thread("t")
        .site(SITE).path(PATH).waitMillis(1200).inUse(2).max(5).waiting(1).suppressed(3).build()));
  }

  @Test
  void configProblemsAndNoticesReadTheSameInBothSinks() {
    agree("rejected", l -> l.configRejected(new ConfigProblem("leash.leak.threshold", "30x", "leash.properties",
        "leash.leak.threshold is not a duration", "30s", "30s")));
    List<Notice> notices = List.of(Notice.poolReturnsUnseen("c3p0"), Notice.threadStacksUnreadable(new SecurityException("denied")),
        Notice.virtualThreadsUnreadable(new UnsupportedOperationException("no dump")), Notice.leasesDropped(100_000));
    assertThat(notices).extracting(Notice::kind).as("every kind of notice").containsExactlyInAnyOrder(Notice.Kind.values());
    for (Notice n : notices) {
      agree(n, l -> ((NoticeListener) l).notice(n));
    }
  }

  /** Sends one event to both sinks and compares what each wrote. */
  private void agree(Object what, Consumer<LeashListener> send) {
    int before = logs.events().size();
    bytes.reset();
    send.accept(slf4j);
    send.accept(stderr);
    List<ILoggingEvent> logged = logs.events().subList(before, logs.events().size());
    assertThat(logged).as(String.valueOf(what)).hasSize(1);
    ILoggingEvent e = logged.get(0);
    String line = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();

    assertThat(line).as("level, logger and message").contains(" " + e.getLevel() + " ")
        .contains(" " + e.getLoggerName() + " - " + e.getFormattedMessage() + " ");
    Map<String, String> expected = new LinkedHashMap<>();
    for (KeyValuePair p : e.getKeyValuePairs()) {
      expected.put(p.key, String.valueOf(p.value));
    }
    assertThat(keyValues(line.substring(line.indexOf(e.getFormattedMessage()) + e.getFormattedMessage().length())))
        .as(String.valueOf(what)).containsExactlyEntriesOf(expected);
  }

  /** {@code key=word key="text"} pairs in order. */
  private static Map<String, String> keyValues(String tail) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < tail.length()) {
      while (i < tail.length() && tail.charAt(i) == ' ') {
        i++;
      }
      int eq = tail.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = tail.substring(i, eq);
      int end;
      String value;
      if (eq + 1 < tail.length() && tail.charAt(eq + 1) == '"') {
        end = tail.indexOf('"', eq + 2);
        value = tail.substring(eq + 2, end);
        end++;
      } else {
        end = tail.indexOf(' ', eq);
        end = end < 0 ? tail.length() : end;
        value = tail.substring(eq + 1, end);
      }
      parts.add(key);
      out.put(key, value);
      i = end;
    }
    assertThat(parts).doesNotHaveDuplicates();
    return out;
  }
}
