package dev.leash.internal.track;

/**
 * The stack of one acquisition as the VM records it for any exception: the cheapest capture there is
 * (the same one HikariCP's leak detection pays), turned into frames only when someone needs them.
 * Never thrown.
 */
final class RawStack extends Throwable {

  private static final long serialVersionUID = 1L;

  RawStack() {
    // No message, no cause, no suppressed list: only the recorded stack.
    super(null, null, false, true);
  }
}
