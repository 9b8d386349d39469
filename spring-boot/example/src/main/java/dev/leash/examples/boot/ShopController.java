package dev.leash.examples.boot;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products}, {@code POST /checkout?cart=7&amount=1999}. */
@RestController
public class ShopController {

  private final CatalogService catalog;
  private final CheckoutService checkout;

  public ShopController(CatalogService catalog, CheckoutService checkout) {
    this.catalog = catalog;
    this.checkout = checkout;
  }

  @GetMapping("/products")
  public List<Map<String, Object>> products() {
    return catalog.products();
  }

  @PostMapping("/checkout")
  public ResponseEntity<String> checkout(@RequestParam("cart") long cart, @RequestParam("amount") long amount) throws SQLException {
    return checkout.placeOrder(cart, amount)
        ? ResponseEntity.ok("order placed for cart " + cart + "\n")
        : ResponseEntity.status(402).body("payment declined for cart " + cart + "\n");
  }
}
