package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logging configuration built in ({@link LogbackSetup}) is {@code config/logback.xml}'s: the same appender,
 * target, pattern and levels; a process logs the same lines to the same stream with either; and a file named by
 * {@code -Dlogback.configurationFile} still replaces it.
 */
class LogbackSetupTest {

  private static final Path REPO = Path.of(System.getenv().getOrDefault("CPO_REPO_ROOT", ".."));
  private static final Path XML = REPO.resolve("config/logback.xml");

  @TempDir Path dir;

  @Test
  void theBuiltInConfigurationIsConfigLogbackXmls() throws Exception {
    LoggerContext built = new LoggerContext();
    LogbackSetup.apply(built);
    LoggerContext joran = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(joran);
    configurator.doConfigure(XML.toFile());

    assertThat(describe(built)).isEqualTo(describe(joran));
    assertThat(describe(built)).containsEntry("logger ROOT", "INFO additive=true")
        .containsEntry("logger io.netty", "WARN additive=true")
        .containsEntry("appender ROOT STDERR", "ConsoleAppender target=System.err pattern=" + LogbackSetup.PATTERN + " started=true");
    assertThat(errors(built)).isEmpty();
  }

  @Test
  void theAgentConfiguresLoggingItselfUnlessTheUserNamesAFile() {
    LoggerContext context = new LoggerContext();
    LogbackSetup setup = new LogbackSetup();
    setup.setContext(context);

    assertThat(LogbackSetup.userConfiguration("my-logback.xml", getClass().getClassLoader())).isTrue();
    assertThat(LogbackSetup.userConfiguration(null, getClass().getClassLoader()))
        .as("no logback-test.xml on the test class path").isFalse();
    assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(LogbackSetup.APPENDER)).isNotNull();
  }

  @Test
  void aProcessLogsTheSameLinesToStandardErrorAsWithConfigLogbackXml() throws Exception {
    Run builtIn = probe(List.of());
    Run xml = probe(List.of("-Dlogback.configurationFile=" + XML.toAbsolutePath()));

    assertThat(builtIn.out).as("nothing on standard output").isEmpty();
    assertThat(builtIn.err).hasSize(4);
    assertThat(builtIn.err.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] cpo\\.alarm - alarm raised");
    assertThat(withoutTime(builtIn.err)).containsExactly(
        "INFO  [main] cpo.alarm - alarm raised",
        "INFO  [main] cpo.action - action taken",
        "WARN  [main] io.netty.probe - netty warn",
        "ERROR [main] org.snmp4j.probe - snmp4j error");
    assertThat(withoutTime(xml.err)).isEqualTo(withoutTime(builtIn.err));
    assertThat(xml.out).isEmpty();
  }

  @Test
  void aFileNamedByLogbackConfigurationFileReplacesTheBuiltInConfiguration() throws Exception {
    Path custom = Files.writeString(dir.resolve("custom.xml"), """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>custom|%level|%logger|%msg%n</pattern></encoder>
          </appender>
          <root level="DEBUG"><appender-ref ref="OUT"/></root>
        </configuration>
        """);

    Run run = probe(List.of("-Dlogback.configurationFile=" + custom));

    assertThat(run.err).isEmpty();
    assertThat(run.out).contains("custom|DEBUG|cpo.alarm|alarm debug", "custom|INFO|io.netty.probe|netty info",
        "custom|INFO|org.snmp4j.probe|snmp4j info");
  }

  private record Run(List<String> out, List<String> err) {}

  /** {@link LogProbe} in a JVM of its own (logging is configured once per process), on this class path. */
  private Run probe(List<String> jvmOptions) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LogProbe.class.getName()));
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe exits").isTrue();
      assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    } finally {
      p.destroyForcibly();
    }
    return new Run(Files.readAllLines(out, StandardCharsets.UTF_8), Files.readAllLines(err, StandardCharsets.UTF_8));
  }

  private static List<String> withoutTime(List<String> lines) {
    return lines.stream().map(l -> l.substring("HH:mm:ss.SSS ".length())).toList();
  }

  /** Every logger's explicit level and additivity, and every appender: its class, target and pattern. */
  private static Map<String, String> describe(LoggerContext context) {
    Map<String, String> out = new TreeMap<>();
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null || !logger.isAdditive()) {
        out.put("logger " + logger.getName(), logger.getLevel() + " additive=" + logger.isAdditive());
      }
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> a = it.next();
        String what = a.getClass().getSimpleName();
        if (a instanceof ConsoleAppender<ILoggingEvent> console) {
          what += " target=" + console.getTarget();
          if (console.getEncoder() instanceof PatternLayoutEncoder encoder) {
            what += " pattern=" + encoder.getPattern();
          } else {
            what += " encoder=" + console.getEncoder();
          }
        }
        out.put("appender " + logger.getName() + " " + a.getName(), what + " started=" + a.isStarted());
      }
    }
    return out;
  }

  private static List<Status> errors(LoggerContext context) {
    return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= Status.WARN).toList();
  }
}
