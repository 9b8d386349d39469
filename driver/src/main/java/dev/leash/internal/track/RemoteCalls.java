package dev.leash.internal.track;

/**
 * Recognises a thread blocked in a remote call (socket read, HTTP client) from its current frames:
 * evidence for the hint that connections are held across a remote call inside a transaction.
 */
final class RemoteCalls {

  private static final String[] REMOTE_FRAMES = {
    "java.net.SocketInputStream.", "sun.nio.ch.NioSocketImpl.", "sun.nio.ch.SocketChannelImpl.read",
    "sun.nio.ch.SocketDispatcher.read", "jdk.internal.net.http.", "java.net.http.", "sun.net.www.protocol.http.",
    "okhttp3.", "org.apache.http.", "org.apache.hc.client5.", "io.netty.channel.", "org.springframework.web.client.",
    "feign."
  };

  private RemoteCalls() {}

  /** The first frame showing a remote call among the top frames of {@code thread}, or null. */
  static String remoteFrame(Thread thread) {
    StackTraceElement[] frames = thread.getStackTrace();
    for (int i = 0; i < frames.length && i < 24; i++) {
      String name = frames[i].getClassName() + "." + frames[i].getMethodName();
      for (String r : REMOTE_FRAMES) {
        if (name.startsWith(r)) {
          return CapturedStack.format(frames[i]);
        }
      }
    }
    return null;
  }
}
