package dev.cpo.agent.mqtt.link;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.slf4j.Logger;

/**
 * Paho's log lines through SLF4J, and a logger that is cheap to make. Paho makes a logger for every token,
 * i.e. for every message published, and its default one ({@code JSR47Logger}) looks up a
 * {@code java.util.logging} logger and reads its message catalogue each time; this one keeps the SLF4J
 * logger of the Paho class and does nothing else until a line is enabled. Levels: SEVERE error, WARNING
 * warn, INFO info, CONFIG and FINE debug, FINER and FINEST trace; the text is Paho's catalogue entry for
 * the message key (as Paho's own logger prints it), with the client id in front.
 *
 * <p>{@link #install()} makes it Paho's logger for the whole JVM (Paho's own switch,
 * {@link LoggerFactory#setLogger}); Paho creates it by reflection, so it is public with a public
 * constructor.
 */
public final class PahoLogger implements org.eclipse.paho.mqttv5.client.logging.Logger {

  private static final Logger PAHO = org.slf4j.LoggerFactory.getLogger("org.eclipse.paho.mqttv5.client");
  private static volatile boolean installed;

  private Logger log = PAHO;
  private ResourceBundle catalogue;
  private String resourceName;

  /** Made by Paho's {@link LoggerFactory}. */
  public PahoLogger() {}

  /** Paho's clients made after this log through SLF4J. Idempotent. */
  public static void install() {
    if (!installed) {
      LoggerFactory.setLogger(PahoLogger.class.getName());
      installed = true;
    }
  }

  @Override
  public void initialise(ResourceBundle messageCatalog, String loggerID, String resourceName) {
    this.catalogue = messageCatalog;
    this.resourceName = resourceName;
    if (loggerID != null) {
      this.log = org.slf4j.LoggerFactory.getLogger(loggerID);
    }
  }

  @Override
  public void setResourceName(String logContext) {
    this.resourceName = logContext;
  }

  @Override
  public boolean isLoggable(int level) {
    return switch (level) {
      case SEVERE -> log.isErrorEnabled();
      case WARNING -> log.isWarnEnabled();
      case INFO -> log.isInfoEnabled();
      case CONFIG, FINE -> log.isDebugEnabled();
      default -> log.isTraceEnabled();
    };
  }

  @Override
  public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    if (!isLoggable(level)) {
      return;
    }
    String text = (resourceName == null ? "" : resourceName + ": ") + sourceMethod + ": " + formatMessage(msg, inserts);
    switch (level) {
      case SEVERE -> log.error(text, thrown);
      case WARNING -> log.warn(text, thrown);
      case INFO -> log.info(text, thrown);
      case CONFIG, FINE -> log.debug(text, thrown);
      default -> log.trace(text, thrown);
    }
  }

  @Override
  public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    log(level, sourceClass, sourceMethod, msg, inserts, ex);
  }

  /** The catalogue's text for a message key (the key itself when it has none), with the inserts filled in. */
  @Override
  public String formatMessage(String msg, Object[] inserts) {
    String text = msg;
    if (catalogue != null && msg != null) {
      try {
        text = catalogue.getString(msg);
      } catch (MissingResourceException e) {
        text = msg;
      }
    }
    return inserts == null || inserts.length == 0 || text == null ? text : MessageFormat.format(text, inserts);
  }

  @Override
  public void dumpTrace() {
    // Paho's own trace buffer; SLF4J has none.
  }

  @Override
  public void severe(String sourceClass, String sourceMethod, String msg) {
    log(SEVERE, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void warning(String sourceClass, String sourceMethod, String msg) {
    log(WARNING, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void info(String sourceClass, String sourceMethod, String msg) {
    log(INFO, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(INFO, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void config(String sourceClass, String sourceMethod, String msg) {
    log(CONFIG, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
  }

  @Override
  public void fine(String sourceClass, String sourceMethod, String msg) {
    log(FINE, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(FINE, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    log(FINE, sourceClass, sourceMethod, msg, inserts, ex);
  }

  @Override
  public void finer(String sourceClass, String sourceMethod, String msg) {
    log(FINER, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(FINER, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    log(FINER, sourceClass, sourceMethod, msg, inserts, ex);
  }

  @Override
  public void finest(String sourceClass, String sourceMethod, String msg) {
    log(FINEST, sourceClass, sourceMethod, msg, null, null);
  }

  @Override
  public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
  }

  @Override
  public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    log(FINEST, sourceClass, sourceMethod, msg, inserts, ex);
  }
}
