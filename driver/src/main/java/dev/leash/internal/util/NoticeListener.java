package dev.leash.internal.util;

/**
 * Receives Leash's {@link Notice}s: implemented by Leash's reporters beside {@code LeashListener}, whose
 * public SPI carries only the events of PRODUCT.md. The registry's listener fan-out hands a notice to each
 * listener that implements this, on the thread that noticed; an implementation that writes later (a
 * blocking sink) hands it off itself.
 */
public interface NoticeListener {

  /** Called once per notice (the caller guards against repeats). */
  void notice(Notice notice);
}
