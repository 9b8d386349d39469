package dev.leash.examples.boot;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The catalogue: Spring's JdbcTemplate, which always returns its connection. */
@Service
public class CatalogService {

  private final JdbcTemplate jdbc;

  public CatalogService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Map<String, Object>> products() {
    return jdbc.queryForList("SELECT id, name, price_cents FROM shop_products ORDER BY id");
  }
}
