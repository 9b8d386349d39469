package dev.leash.internal.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK's JSON thread dump (JDK 21+), as JDK 25 writes it, read into threads and frames. */
class ThreadDumpFileTest {

  private static final String DUMP = String.join("\n",
      "{",
      "  \"threadDump\": {",
      "    \"processId\": \"403\",",
      "    \"threadContainers\": [",
      "      {",
      "        \"container\": \"<root>\",",
      "        \"parent\": null,",
      "        \"threads\": [",
      "          {",
      "            \"tid\": \"3\",",
      "            \"name\": \"main\",",
      "            \"state\": \"RUNNABLE\",",
      "            \"stack\": [",
      "              \"java.base\\/java.lang.Thread.sleep0(Native Method)\",",
      "              \"Dump.main(Dump.java:15)\"",
      "            ]",
      "          }",
      "        ],",
      "        \"threadCount\": \"1\"",
      "      },",
      "      {",
      "        \"container\": \"java.util.concurrent.ThreadPerTaskExecutor@6ca8564a\",",
      "        \"threads\": [",
      "          {",
      "            \"tid\": \"25\",",
      "            \"name\": \"\",",
      "            \"state\": \"TIMED_WAITING\",",
      "            \"virtual\": true,",
      "            \"carrier\": \"ForkJoinPool-1-worker-1\",",
      "            \"stack\": [",
      "              \"java.base\\/java.lang.VirtualThread.parkNanos(VirtualThread.java:784)\",",
      "              \"com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\",",
      "              \"app\\/com.shop.Checkout$Pay.run(Unknown Source)\"",
      "            ]",
      "          },",
      "          {",
      "            \"tid\": \"26\",",
      "            \"name\": \"req-\\u00e9\",",
      "            \"virtual\": true,",
      "            \"stack\": [",
      "            ]",
      "          }",
      "        ]",
      "      }",
      "    ]",
      "  }",
      "}");

  @Test
  void readsEveryThreadWithItsFramesAndWhetherItIsVirtual() {
    List<ThreadDumpFile.DumpedThread> threads = ThreadDumpFile.parse(DUMP);
    assertThat(threads).hasSize(3);
    ThreadDumpFile.DumpedThread main = threads.get(0);
    assertThat(main.id).isEqualTo(3);
    assertThat(main.reportName()).isEqualTo("main");
    assertThat(main.virtual).isFalse();
    assertThat(main.stack[0]).isEqualTo(new StackTraceElement("java.lang.Thread", "sleep0", null, -2));
    assertThat(main.stack[1]).isEqualTo(new StackTraceElement("Dump", "main", "Dump.java", 15));

    ThreadDumpFile.DumpedThread waiter = threads.get(1);
    assertThat(waiter.virtual).isTrue();
    assertThat(waiter.reportName()).isEqualTo("virtual#25");
    assertThat(waiter.stack).hasSize(3);
    assertThat(waiter.stack[1]).isEqualTo(new StackTraceElement("com.zaxxer.hikari.pool.HikariPool", "getConnection", "HikariPool.java", 181));
    assertThat(waiter.stack[2]).isEqualTo(new StackTraceElement("com.shop.Checkout$Pay", "run", null, -1));

    assertThat(threads.get(2).reportName()).isEqualTo("req-é");
    assertThat(threads.get(2).stack).isEmpty();
  }

  @Test
  void unnamedPlatformThreadIsThreadHashId() {
    Thread t = new Thread(() -> { }, "");
    @SuppressWarnings("deprecation")
    long id = t.getId();
    assertThat(ThreadNames.of(t)).isEqualTo("thread#" + id);
    assertThat(ThreadNames.of(Thread.currentThread())).isEqualTo(Thread.currentThread().getName());
  }
}
