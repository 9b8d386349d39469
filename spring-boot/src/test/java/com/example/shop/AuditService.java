package com.example.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Audit records survive a rolled-back order: each is written in a new transaction, on a second connection. */
@Service
public class AuditService {

  private final JdbcTemplate jdbc;
  private final ShopSchema schema;

  public AuditService(JdbcTemplate jdbc, ShopSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(long orderId, String note) {
    jdbc.update("INSERT INTO " + schema.audit() + " (order_id, note) VALUES (?, ?)", orderId, note);
  }
}
