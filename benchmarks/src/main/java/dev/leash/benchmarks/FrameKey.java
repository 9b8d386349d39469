package dev.leash.benchmarks;

import java.util.Arrays;

/**
 * Identity of a bounded stack without materialising it: owner (class name or Class), method name and
 * bytecode index per frame. The hash is computed once; arrays may be longer than {@code length} so a
 * lookup needs no copy, and {@link #trimmed()} copies only when the key is stored.
 */
final class FrameKey {

  private final Object[] owners;
  private final String[] methods;
  private final int[] bcis;
  private final int length;
  private final int hash;

  FrameKey(Object[] owners, String[] methods, int[] bcis, int length) {
    this.owners = owners;
    this.methods = methods;
    this.bcis = bcis;
    this.length = length;
    int h = length;
    for (int i = 0; i < length; i++) {
      h = 31 * h + owners[i].hashCode();
      h = 31 * h + methods[i].hashCode();
      h = 31 * h + bcis[i];
    }
    this.hash = h;
  }

  FrameKey trimmed() {
    if (owners.length == length) {
      return this;
    }
    return new FrameKey(
        Arrays.copyOf(owners, length), Arrays.copyOf(methods, length), Arrays.copyOf(bcis, length),
        length);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FrameKey)) {
      return false;
    }
    FrameKey k = (FrameKey) o;
    return hash == k.hash
        && length == k.length
        && Arrays.equals(bcis, 0, length, k.bcis, 0, length)
        && Arrays.equals(owners, 0, length, k.owners, 0, length)
        && Arrays.equals(methods, 0, length, k.methods, 0, length);
  }
}
