package com.example.shop;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders in a transaction; the audit record is written in a transaction of its own. */
@Service
public class CheckoutService {

  private static final AtomicLong IDS = new AtomicLong();

  private final JdbcTemplate jdbc;
  private final ShopSchema schema;
  private final AuditService audit;

  public CheckoutService(JdbcTemplate jdbc, ShopSchema schema, AuditService audit) {
    this.jdbc = jdbc;
    this.schema = schema;
    this.audit = audit;
  }

  /** Holds a connection for the order, then asks the pool for a second one for the audit (REQUIRES_NEW). */
  @Transactional
  public long place(int item) throws InterruptedException {
    long id = IDS.incrementAndGet();
    jdbc.update("INSERT INTO " + schema.orders() + " (id, item) VALUES (?, ?)", id, item);
    Thread.sleep(20); // pricing, stock checks: the order's transaction stays open meanwhile
    audit.record(id, "placed");
    return id;
  }
}
