package dev.leash.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leash.event.HolderGroup;
import dev.leash.event.HolderThread;
import dev.leash.event.Holders;
import dev.leash.event.WaiterSite;
import dev.leash.event.Waiters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The holders report written from the records: grouped by path as PRODUCT.md says, waiters named by their path. */
class HoldersTextTest {

  private static final String OPEN = "com.shop.Db.open(Db.java:31)";
  private static final String PLACE = OPEN + " <- com.shop.Checkout.place(Checkout.java:88)";

  @Test
  void groupsAreNamedByPathAndTheHeaderSaysSo() {
    StackTraceElement open = new StackTraceElement("com.shop.Db", "open", "Db.java", 31);
    StackTraceElement sleep = new StackTraceElement("java.lang.Thread", "sleep", null, -2);
    HolderGroup group = new HolderGroup(OPEN, PLACE, 7, 1, 1_000, 4_300, 4_000, List.of("a", "b", "c", "d", "e", "f"),
        List.of(Map.of("trace_id", "4bf92f35")), List.of(open), 900, 7, 3,
        List.of(new HolderThread("a", "TIMED_WAITING", false, List.of(sleep, open), 1)), 1);
    Waiters waiters = new Waiters(2, 1_500, "HikariPool.getConnection()", 250, 0, 0,
        List.of(new WaiterSite(OPEN, PLACE, 2)));
    String text = HoldersText.of(new Holders("shop-pool", 7, List.of(group), 0, null, 0, waiters));

    assertThat(text).startsWith("Holders: 7 open leases, by path (most first):\n  7 x " + PLACE + "\n"
        + "      held 1.0–4.3 s, 6 idle (for 900 ms–4.0 s), 1 busy in a statement, threads: a, b, c, d, e and 2 more\n"
        + "      requests: trace_id=4bf92f35 and 2 more\n"
        + "        at com.shop.Db.open(Db.java:31)\n"
        + "      now, thread a (TIMED_WAITING):\n"
        + "        at java.lang.Thread.sleep(Native Method)\n"
        + "        at com.shop.Db.open(Db.java:31)   <- application\n"
        + "      1 holder's thread has ended without returning the connection (thread ended): a certain leak\n"
        + "  Waiting: 2 threads inside HikariPool.getConnection(), the longest for at least 1.5 s"
        + " (seen by the watchdog every 250 ms), at:\n"
        + "    2 x " + PLACE);
  }
}
