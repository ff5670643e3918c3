package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.mqtt.MosquittoSub.Line;
import dev.cpo.agent.mqtt.link.ConnectionSupervisor;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.Entity;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The README run, end to end: the whole {@link Product} (simulator, agent, SNMP, embedded broker, MQTT
 * publisher, control API) on free ports with a temporary state directory, watched by the real
 * {@code mosquitto_sub -V mqttv5 -v -t 'cpo/v1/#'} at QoS 0, the line issue 5 names.
 */
class ProductNorthboundIT {

  private static final String LASER = "els4/laser3";

  @TempDir Path dir;

  private Product product;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (product != null) {
      product.stop();
    }
  }

  private Product start(String... overrides) throws Exception {
    List<String> settings = new ArrayList<>(List.of("snmp.port=0", "gnmi.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "state.dir=" + dir.resolve("state"),
        // Lasers every 2 s, so a few seconds of mosquitto_sub see telemetry; the other classes keep 10 s.
        "mqtt.telemetry.intervalsMs.laser=2000"));
    settings.addAll(List.of(overrides));
    product = Product.of(AgentSections.load(null, settings));
    product.start();
    return product;
  }

  @Test
  void aQosZeroWildcardSubscriberGetsTheWholeRetainedBirthEveryTimeAndThenAFaultsEventAndAlarmWithinASecond()
      throws Exception {
    start();
    MqttPublisher mqtt = product.mqtt();
    await().atMost(Duration.ofSeconds(20)).until(() -> mqtt.connected() && mqtt.waiting() == 0);
    Topics topics = mqtt.topics();
    Set<String> entities = product.agent().inventory().entities().stream().map(Entity::name)
        .collect(Collectors.toCollection(TreeSet::new));
    // What is retained, as a QoS 1 subscriber (never dropped by Moquette) sees it: the reference.
    Set<String> retained;
    try (MosquittoSub reference = MosquittoSub.start(dir, product.broker().port(), "cpo/v1/#", "-q", "1", "-W", "4")) {
      retained = retainedTopics(topics, reference.awaitExit(10));
    }
    assertThat(retained).contains(topics.status(), topics.meta());

    for (int run = 1; run <= 5; run++) {
      List<Line> lines;
      String errors;
      try (MosquittoSub sub = MosquittoSub.start(dir, product.broker().port(), "cpo/v1/#", "-W", "4")) {
        lines = sub.awaitExit(10);
        errors = sub.errors();
      }
      String as = "run " + run + " of mosquitto_sub at QoS 0 (" + lines.size() + " lines) " + errors;
      assertThat(lines).as(as).filteredOn(l -> l.topic().equals(topics.status())).singleElement()
          .satisfies(l -> assertThat(l.payload()).contains("\"online\""));
      assertThat(lines).as(as).filteredOn(l -> l.topic().equals(topics.meta())).hasSize(1);
      Map<String, Long> statesPerEntity = lines.stream().filter(l -> l.topic().startsWith(topics.base() + "state/"))
          .collect(Collectors.groupingBy(l -> entityOf(topics, l.topic()), Collectors.counting()));
      assertThat(statesPerEntity.keySet()).as(as).isEqualTo(entities);
      assertThat(statesPerEntity.values()).as(as).containsOnly(1L);
      assertThat(retainedTopics(topics, lines)).as(as).containsAll(retained);
      assertThat(lines).as(as).anyMatch(l -> l.topic().startsWith(topics.base() + "telemetry/laser/"));
    }

    try (MosquittoSub sub = MosquittoSub.start(dir, product.broker().port(), "cpo/v1/#")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> sub.lines().stream()
          .anyMatch(l -> l.topic().equals(topics.status())));
      String alarmTopic = topics.activeAlarm("laser-failure/" + LASER);
      ActiveFault fault = product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, LASER));
      await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
        assertThat(sub.lines()).anyMatch(l -> l.topic().equals(topics.events())
            && l.payload().contains("\"alarm-raised\"") && l.payload().contains(LASER));
        assertThat(sub.lines()).anyMatch(l -> l.topic().equals(alarmTopic) && l.payload().contains(LASER));
      });

      product.sim().faults().clear(fault.id());
      // A clear raises no interrupt: the agent sees it at its next poll (1 s), and a status alarm clears
      // on that cycle. SPEC.md's bound for polled paths is one poll interval + 50 ms; allow the interval
      // twice over so a loaded machine's late cycle does not fail the test.
      await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
        assertThat(sub.lines()).anyMatch(l -> l.topic().equals(topics.events())
            && l.payload().contains("\"alarm-cleared\"") && l.payload().contains(LASER));
        assertThat(sub.lines()).anyMatch(l -> l.topic().equals(alarmTopic) && l.payload().isEmpty());
      });
    }
  }

  @Test
  void atAnHourASecondStatusAndRepliesCarrySimulatedTimeAsTelemetryDoesWithWallTimeBeside() throws Exception {
    start("sim.timeScale=3600");
    MqttPublisher mqtt = product.mqtt();
    await().atMost(Duration.ofSeconds(20)).until(() -> mqtt.connected() && mqtt.waiting() == 0);
    Topics topics = mqtt.topics();
    // Simulated time an hour ahead of wall time (one wall second).
    await().atMost(Duration.ofSeconds(10))
        .until(() -> product.sim().clock().millis() - System.currentTimeMillis() > 3_600_000);
    try (MosquittoSub status = MosquittoSub.start(dir, product.broker().port(), topics.status(), "-q", "1")) {
      await().atMost(Duration.ofSeconds(5)).until(() -> status.lines().size() == 1);
      long wallBefore = System.currentTimeMillis();
      long simBefore = product.sim().clock().millis();

      Process rr = new ProcessBuilder(Tools.require("mosquitto_rr").toString(), "-h", "127.0.0.1", "-p",
          Integer.toString(product.broker().port()), "-V", "mqttv5", "-t", topics.command(MqttPublisher.REBIRTH),
          "-e", "test/replies/clock", "-m", "x", "-W", "10").redirectErrorStream(true).start();
      String reply = new String(rr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      assertThat(rr.waitFor(5, TimeUnit.SECONDS)).as("mosquitto_rr exits after its reply").isTrue();
      assertThat(rr.exitValue()).as("mosquitto_rr's exit code; it printed: " + reply).isZero();
      // The reply is queued after the rebirth's status, so the status is on its way; a loaded machine may
      // deliver it a little after the reply. Anything else here says why it did not come.
      await().atMost(Duration.ofSeconds(10)).failFast("a second status arrived before the rebirth's",
          () -> status.lines().size() > 2).untilAsserted(() -> assertThat(status.lines())
              .as("status messages after the reply %s (connected %s, waiting %d, mosquitto_sub: %s)", reply,
                  mqtt.connected(), mqtt.waiting(), status.errors())
              .hasSize(2));
      long simAfter = product.sim().clock().millis();
      long wallAfter = System.currentTimeMillis();

      for (String payload : List.of(reply, status.lines().get(1).payload())) {
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload);
        assertThat(j.get("ts").asLong()).as("simulated time: " + payload).isBetween(simBefore, simAfter);
        assertThat(j.get("wall_ts").asLong()).as("wall time: " + payload).isBetween(wallBefore, wallAfter);
        assertThat(j.get("time_scale").asDouble()).isEqualTo(3600.0);
      }
      assertThat(Schemas.errors(MessageClass.RESPONSE, reply.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .isEmpty();
      assertThat(Schemas.errors(MessageClass.STATUS,
          status.lines().get(1).payload().getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }
  }

  @Test
  void withAWrongMqttPasswordTheProductKeepsServingSnmpWhileThePublisherLogsAndRetriesWithBackoff()
      throws Exception {
    Path passwords = dir.resolve("passwd");
    Process p = new ProcessBuilder(Tools.require("mosquitto_passwd").toString(), "-c", "-b", passwords.toString(),
        "agent", "right-secret").redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    Mosquitto mosquitto = new Mosquitto(dir).config("password_file " + passwords).start();
    closeables.add(mosquitto::stop);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger supervisorLog = (Logger) LoggerFactory.getLogger(ConnectionSupervisor.class);
    supervisorLog.addAppender(log);
    closeables.add(() -> supervisorLog.detachAppender(log));

    start("mqtt.url=" + mosquitto.url("tcp"), "mqtt.username=agent", "mqtt.password=wrong-secret",
        "mqtt.reconnect.initialDelayMs=100", "mqtt.reconnect.maxDelayMs=2000");

    await().atMost(Duration.ofSeconds(20)).until(() -> failures(log).size() >= 4);
    List<String> failures = failures(log);
    assertThat(failures).allSatisfy(l -> assertThat(l)
        // Mosquitto answers a wrong password with "not authorized" (135), not "bad user name or password".
        .contains("not authorized (MQTT reason 135)", "check mqtt.username and mqtt.password")
        .matches(".*retrying in \\d+ ms \\(attempt \\d+\\)"));
    assertThat(failures.stream().map(ProductNorthboundIT::attempt).toList()).isSorted().doesNotHaveDuplicates();
    assertThat(product.mqtt().connected()).isFalse();
    NetSnmpTools.Result sysName = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, product.snmp().port(), "-Oqv",
        "SNMPv2-MIB::sysName.0");
    assertThat(sysName.lines()).as(sysName.err()).containsExactly(product.config().switchId());
    assertThat(product.status()).containsEntry("snmp", "running");
  }

  private static List<String> failures(ListAppender<ILoggingEvent> log) {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(" failed: ")).toList();
  }

  private static int attempt(String failure) {
    String tail = failure.substring(failure.lastIndexOf("(attempt ") + "(attempt ".length());
    return Integer.parseInt(tail.substring(0, tail.indexOf(')')));
  }

  /** The entity of a {@code state/<class>/<entity>} topic (the entity may span levels: els3/laser5). */
  private static String entityOf(Topics topics, String topic) {
    String rest = topic.substring((topics.base() + "state/").length());
    return rest.substring(rest.indexOf('/') + 1);
  }

  /** The topics of retained classes (status, meta, state, active alarms) with a non-empty payload. */
  private static Set<String> retainedTopics(Topics topics, List<Line> lines) {
    Function<String, Boolean> retainedClass = t -> t.equals(topics.status()) || t.equals(topics.meta())
        || t.startsWith(topics.base() + "state/") || t.startsWith(topics.base() + "alarms/active/");
    return lines.stream().filter(l -> retainedClass.apply(l.topic()) && !l.payload().isEmpty()).map(Line::topic)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
