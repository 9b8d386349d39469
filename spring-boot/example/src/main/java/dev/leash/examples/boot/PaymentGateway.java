package dev.leash.examples.boot;

import org.springframework.stereotype.Component;

/** The payment provider, simulated: it declines every fifth cart, the way a real one declines some cards. */
@Component
public class PaymentGateway {

  public boolean charge(long cartId, long amountCents) {
    return cartId % 5 != 0;
  }
}
