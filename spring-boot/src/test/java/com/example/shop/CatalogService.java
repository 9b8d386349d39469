package com.example.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The catalogue page: one short query per visit, fine until a traffic surge. */
@Service
public class CatalogService {

  /** How long the catalogue query runs on the database. */
  public static final long QUERY_MILLIS = 30;

  private final JdbcTemplate jdbc;
  private final ShopSchema schema;

  public CatalogService(JdbcTemplate jdbc, ShopSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  public void browse() {
    jdbc.execute(schema.sleepSql(QUERY_MILLIS));
  }
}
