package dev.cpo.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The agent's logging configuration, set up in code (Logback finds it through {@code ServiceLoader}, file
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): exactly what {@code config/logback.xml}
 * says, without Joran and the JDK's XML parser, which were about a seventh of the main thread's work before
 * the first SNMP answer.
 *
 * <p>One appender, {@value #APPENDER}, to standard error with {@value #PATTERN}; the root logger at INFO (one
 * line per alarm transition on {@code cpo.alarm} and per action on {@code cpo.action}); the libraries'
 * chatter ({@link #QUIET}) at WARN.
 *
 * <p>A configuration of the user's wins: with {@code -Dlogback.configurationFile=...} (for instance an edited
 * copy of {@code config/logback.xml}), or a {@code logback-test.xml} on the class path, this configures
 * nothing and Logback reads that file as it always did. The jar carries no {@code logback.xml}.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {

  /** The appender's name, as in {@code config/logback.xml}. */
  static final String APPENDER = "STDERR";

  /** The encoder's pattern, as in {@code config/logback.xml}. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

  /** Loggers held at WARN, as in {@code config/logback.xml}. */
  static final String[] QUIET = {"io.netty", "io.moquette", "org.snmp4j", "org.eclipse.paho", "com.zaxxer"};

  public LogbackSetup() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (userConfiguration(System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY), getClass().getClassLoader())) {
      addInfo("a logging configuration file of the user's is given: leaving it to Logback's own configurators");
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Whether Logback should read a file instead: {@code configurationFile} (the system property) is set, or
   * the class path has {@code logback-test.xml}. A {@code logback.xml} left in a build's classes by an older
   * build is not one: it said what this says.
   */
  static boolean userConfiguration(String configurationFile, ClassLoader loader) {
    return configurationFile != null || loader.getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null;
  }

  /** Configures {@code context} as {@code config/logback.xml} does. */
  static void apply(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();

    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();

    for (String name : QUIET) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
  }
}
