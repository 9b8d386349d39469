package dev.leash.examples;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Switches Logback from {@code logback.xml} (readable lines) to {@code logback-json.xml} (one JSON object per event). */
final class Logging {

  private Logging() {}

  /** Called once at startup, before anything logs, when {@code --json} is given. */
  static void useJson() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    URL json = Logging.class.getResource("/logback-json.xml");
    if (!(factory instanceof LoggerContext) || json == null) {
      System.err.println("Shop: --json needs Logback and logback-json.xml on the class path; keeping the default log format");
      return;
    }
    LoggerContext context = (LoggerContext) factory;
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(json);
    } catch (JoranException e) {
      System.err.println("Shop: could not load logback-json.xml: " + e);
    }
  }
}
