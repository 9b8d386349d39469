package dev.leash.spring;

import dev.leash.event.HolderGroup;
import dev.leash.event.PoolEvent;
import dev.leash.event.PoolSnapshot;
import dev.leash.jdbc.LeashDataSource;
import dev.leash.report.ReportText;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/leash}: every pool Leash watches in this application, who holds its connections and
 * its last diagnosis, as JSON built from Leash's snapshots ({@link LeashDataSource#snapshot()}), never
 * from report text. {@code /actuator/leash/{pool}} gives one pool, by pool name or data-source bean
 * name. Exposed like any endpoint ({@code management.endpoints.web.exposure.include=leash}); Spring Boot
 * exposes none but health by default, and the holders' stacks and thread names are for operators only.
 */
@Endpoint(id = "leash")
public class LeashEndpoint {

  /** Frames of each group's acquisition stack in the JSON (the logs keep up to {@code leash.stack.depth}). */
  static final int STACK_FRAMES = 32;

  private final ListableBeanFactory beans;

  /** Created by {@link LeashAutoConfiguration}; reads the application's data-source beans on each request. */
  public LeashEndpoint(ListableBeanFactory beans) {
    this.beans = beans;
  }

  /** Every wrapped data source of the application. */
  @ReadOperation
  public Pools pools() {
    List<Pool> pools = new ArrayList<>();
    for (Map.Entry<String, DataSource> e : beans.getBeansOfType(DataSource.class, false, false).entrySet()) {
      LeashDataSource leash = leash(e.getValue());
      if (leash != null) {
        pools.add(Pool.of(e.getKey(), leash.snapshot()));
      }
    }
    return new Pools(pools);
  }

  /** One pool, by its name ({@code HikariPool-1}) or its bean's ({@code dataSource}); null (404) if none. */
  @ReadOperation
  public Pool pool(@Selector String pool) {
    for (Pool p : pools().pools()) {
      if (pool.equals(p.name()) || pool.equals(p.dataSource())) {
        return p;
      }
    }
    return null;
  }

  private static LeashDataSource leash(DataSource dataSource) {
    try {
      return dataSource.isWrapperFor(LeashDataSource.class) ? dataSource.unwrap(LeashDataSource.class) : null;
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** The body of {@code GET /actuator/leash}. */
  public record Pools(List<Pool> pools) {}

  /**
   * One pool. {@code inUse} and {@code waiting} are Leash's counts; {@code max}, {@code active} and
   * {@code idle} are the pool's own (-1 until Leash has seen the pool hand out a connection, or for a pool
   * it has no adapter for). {@code lost} counts connections garbage-collected without {@code close()}
   * (confirmed leaks, gone from the holders), {@code lastLostSite} where the last of them was taken.
   */
  public record Pool(String name, String dataSource, String db, int inUse, int waiting, int max, int active, int idle,
      List<Holders> holders, int lost, String lastLostSite, Diagnosis lastDiagnosis) {

    static Pool of(String beanName, PoolSnapshot s) {
      List<Holders> holders = new ArrayList<>();
      for (HolderGroup g : s.holders()) {
        holders.add(Holders.of(g));
      }
      return new Pool(s.name(), beanName, s.db(), s.openLeases(), s.waiting(), s.max(), s.active(), s.idle(), holders,
          s.lost(), s.lastLostSite(), Diagnosis.of(s.lastExhausted(), s.lastExhaustedAtMillis()));
    }
  }

  /**
   * The open connections taken at one place: {@code site} is the first application frame, {@code path}
   * the site with the caller that tells paths apart (null when there is none), times in milliseconds.
   */
  public record Holders(String site, String path, int count, int busy, int idle, long heldMinMs, long heldMaxMs,
      long idleMaxMs, List<String> threads, List<Map<String, String>> context, List<String> stack) {

    static Holders of(HolderGroup g) {
      List<String> stack = new ArrayList<>();
      for (StackTraceElement f : g.stack()) {
        if (stack.size() == STACK_FRAMES) {
          break;
        }
        stack.add(f.toString());
      }
      return new Holders(g.site(), g.path(), g.count(), g.busy(), g.idle(), g.minHeldMillis(), g.maxHeldMillis(),
          g.maxIdleMillis(), g.threads(), g.contexts(), stack);
    }
  }

  /**
   * The last {@code pool.exhausted} of a pool: the diagnosis code ({@code leak}, {@code pool_too_small},
   * {@code slow_queries}, {@code database_unavailable}, {@code nested_acquisition}), its sentence with the
   * evidence, when, and the wait that triggered it.
   */
  public record Diagnosis(String diagnosis, String text, String at, String thread, String site, long waitMs,
      int inUse, int max, int waiting, String failure) {

    static Diagnosis of(PoolEvent e, long atMillis) {
      if (e == null) {
        return null;
      }
      String text = e.diagnosisDetail() == null ? null : ReportText.diagnosis(e.diagnosisDetail());
      return new Diagnosis(e.diagnosis(), text, Instant.ofEpochMilli(atMillis).toString(), e.thread(),
          e.site(), e.waitMillis(), e.inUse(), e.max(), e.waiting(), e.failure());
    }
  }
}
