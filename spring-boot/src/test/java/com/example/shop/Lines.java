package com.example.shop;

/** The source line of the caller, so tests can assert the exact line a report names. */
final class Lines {

  private Lines() {}

  static int here() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
  }
}
