package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 2, with the real {@code mosquitto_pub}/{@code mosquitto_sub} as anyone on the host would
 * run them against the embedded broker, the publisher built as {@code run} builds it
 * ({@link MqttPublisher#of}, client id {@code cpo-agent-sw1}, the broker's random agent password).
 */
class EmbeddedBrokerSecurityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Topics TOPICS = new Topics("sw1");

  @TempDir Path dir;
  private EmbeddedBroker broker;
  private SimulatedSwitch sim;
  private FixedAgentView view;
  private MqttPublisher publisher;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Tools.require("mosquitto_pub");
    broker = new EmbeddedBroker(MqttConfig.SECTION.defaults().embedded().withPort(0));
    broker.start();
    sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1).load(0.6)
        .clock(new ManualClock()).build();
    view = new FixedAgentView(sim.snapshot());
  }

  private MqttPublisher startPublisher() throws Exception {
    publisher = MqttPublisher.of(AgentSections.defaults(), view, broker, TimeBase.wallOnly());
    publisher.start();
    await("publisher connected and born").atMost(Duration.ofSeconds(15))
        .until(() -> publisher.connected() && publisher.waiting() == 0);
    return publisher;
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (publisher != null) {
      publisher.stop();
    }
    sim.close();
    broker.stop();
  }

  /** One run of a mosquitto client: exit code and everything it printed. */
  record Run(int exit, String output) {}

  private Run run(String stdin, String program, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Tools.require(program).toString(), "-h", "127.0.0.1", "-p",
        Integer.toString(broker.port())));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, program, ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(program + " " + args + " still running after 20 s: " + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out));
  }

  /** What a new subscriber finds retained on {@code topic} (empty when nothing is retained). */
  private String retained(String topic) throws Exception {
    Run r = run(null, "mosquitto_sub", "-V", "mqttv5", "-t", topic, "-C", "1", "-W", "2");
    return r.exit() == 0 ? r.output().strip() : "";
  }

  @Test
  void anonymousForgeriesOfTheAgentsRetainedTopicsAreRefusedAndTheAgentsMessagesStay() throws Exception {
    startPublisher();
    String agentsStatus = retained(TOPICS.status());
    assertThat(JSON.readTree(agentsStatus).get("state").asText()).isEqualTo("online");
    String laserState = TOPICS.state(dev.cpo.hal.EntityClass.LASER, "els4/laser3");
    String agentsState = retained(laserState);
    String forgedAlarm = TOPICS.activeAlarm("laser-failure/els1/laser1");

    // The command: mosquitto_pub -r to status, meta, state/... and alarms/active/..., QoS 1 and 0.
    Run status = run(null, "mosquitto_pub", "-V", "mqttv5", "-r", "-q", "1", "-t", TOPICS.status(),
        "-m", "{\"state\":\"offline\",\"forged\":true}");
    for (String topic : List.of(TOPICS.meta(), laserState, forgedAlarm)) {
      for (String qos : List.of("0", "1")) {
        run(null, "mosquitto_pub", "-V", "mqttv5", "-r", "-q", qos, "-t", topic, "-m", "{\"forged\":true}");
      }
    }

    assertThat(status.output()).as("MQTT 5 PUBACK reason 0x87").contains("Not authorized");
    assertThat(retained(TOPICS.status())).as("the agent's retained status").isEqualTo(agentsStatus);
    assertThat(retained(laserState)).isEqualTo(agentsState);
    assertThat(retained(TOPICS.meta())).doesNotContain("forged").contains("\"profile\"");
    assertThat(retained(forgedAlarm)).as("no forged alarm retained").isEmpty();
    assertThat(broker.refusedPublishes()).isGreaterThanOrEqualTo(7);
  }

  @Test
  void aClientTakingTheAgentsClientIdIsRefusedTenTimesAndTheAgentNeverReconnects() throws Exception {
    startPublisher();
    long bdSeq = publisher.bdSeq();

    List<Run> takeovers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      takeovers.add(run(null, "mosquitto_sub", "-V", i % 2 == 0 ? "mqttv5" : "mqttv311", "-i", "cpo-agent-sw1",
          "-t", "anything", "-W", "1"));
    }

    assertThat(takeovers).allSatisfy(r -> {
      assertThat(r.exit()).isNotZero();
      assertThat(r.output()).containsAnyOf("Client Identifier not valid", "identifier rejected");
    });
    assertThat(broker.refusedConnects()).isEqualTo(10);
    assertThat(publisher.connected()).isTrue();
    assertThat(publisher.bdSeq()).as("no reconnect, so no new birth").isEqualTo(bdSeq);
    // With its credentials, though, the agent's id is the agent's: a restarted agent may take it back.
    Run withPassword = run(null, "mosquitto_sub", "-V", "mqttv5", "-i", "cpo-agent-sw1", "-u",
        broker.agentCredentials().username(), "-P", broker.agentCredentials().password(), "-t", "x", "-W", "1");
    assertThat(withPassword.output()).contains("Timed out");
  }

  @Test
  void aWillOnTheAgentsStatusAndAWrongAgentPasswordAreRefused() throws Exception {
    startPublisher();
    Run will = run(null, "mosquitto_sub", "-V", "mqttv5", "-t", "x", "-W", "1", "--will-topic", TOPICS.status(),
        "--will-retain", "--will-qos", "1", "--will-payload", "{\"state\":\"offline\"}");
    Run wrongPassword = run(null, "mosquitto_pub", "-V", "mqttv5", "-u", AgentCredentials.DEFAULT_USERNAME, "-P",
        "guessed", "-t", TOPICS.status(), "-r", "-q", "1", "-m", "forged");

    assertThat(will.output()).contains("Not authorized");
    assertThat(wrongPassword.exit()).isNotZero();
    assertThat(wrongPassword.output()).containsIgnoringCase("bad user name or password");
    assertThat(JSON.readTree(retained(TOPICS.status())).get("state").asText()).isEqualTo("online");
    assertThat(new EmbeddedBroker(MqttConfig.SECTION.defaults().embedded()).agentCredentials().password())
        .as("a new random password per broker").isNotEqualTo(broker.agentCredentials().password())
        .hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  void fiftyRebirthRequestsRunOneRebirthAndTheRestAreAnsweredRateLimited() throws Exception {
    startPublisher();
    MosquittoSub statuses = MosquittoSub.start(dir, broker.port(), TOPICS.status(), "-q", "1");
    closeables.add(statuses);
    MosquittoSub replies = MosquittoSub.start(dir, broker.port(), "test/replies", "-q", "1");
    closeables.add(replies);
    await().atMost(Duration.ofSeconds(5)).until(() -> statuses.lines().size() == 1);
    // The status is retained, so its line proves that subscriber is in; replies are not, so prove
    // that one with a message of our own before the burst (a reply sent before it subscribed is lost).
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      run(null, "mosquitto_pub", "-V", "mqttv5", "-q", "1", "-t", "test/replies", "-m", "probe");
      return replies.lines().stream().anyMatch(l -> l.payload().equals("probe"));
    });
    long started = System.nanoTime();

    // 50 one-byte requests on one connection (-l: one message per stdin line), each naming a response topic.
    Run burst = run("x\n".repeat(50), "mosquitto_pub", "-V", "mqttv5", "-q", "1", "-t",
        TOPICS.command(MqttPublisher.REBIRTH), "-D", "publish", "response-topic", "test/replies", "-l");

    assertThat(burst.exit()).isZero();
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    long allowed = 1 + elapsedMs / Commands.REBIRTH_MIN_INTERVAL_MS;
    await().atMost(Duration.ofSeconds(10)).until(() -> answers(replies).size() == 50);
    List<JsonNode> answers = answers(replies).stream().map(l -> json(l.payload())).toList();
    long ok = answers.stream().filter(a -> a.get("result").asText().equals("ok")).count();
    assertThat(ok).as("rebirths run in %d ms", elapsedMs).isBetween(1L, allowed);
    assertThat(answers.stream().filter(a -> a.get("result").asText().equals("error")))
        .hasSize((int) (50 - ok))
        .allSatisfy(a -> assertThat(a.get("message").asText()).startsWith("rate limited: at most one rebirth per 5 s"));
    assertThat(publisher.rebirthsRateLimited()).isEqualTo(50 - ok);
    // Each rebirth republishes the status once: the birth plus one per rebirth run, nothing more.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
        .until(() -> statuses.lines().size() == 1 + ok);
    for (JsonNode a : answers) {
      assertThat(Schemas.errors(MessageClass.RESPONSE, a.toString().getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
  }

  @Test
  void aRetainedRebirthIsNotRunAndIsClearedWhetherItCameBeforeOrAfterTheAgent() throws Exception {
    String rebirth = TOPICS.command(MqttPublisher.REBIRTH);
    run(null, "mosquitto_pub", "-V", "mqttv5", "-r", "-q", "1", "-t", rebirth, "-m", "x");
    assertThat(retained(rebirth)).as("retained before the agent starts").isEqualTo("x");

    startPublisher();
    await().atMost(Duration.ofSeconds(5)).until(() -> publisher.retainedCommandsCleared() == 1);
    assertThat(retained(rebirth)).as("cleared at connect").isEmpty();

    MosquittoSub statuses = MosquittoSub.start(dir, broker.port(), TOPICS.status(), "-q", "1");
    closeables.add(statuses);
    await().atMost(Duration.ofSeconds(5)).until(() -> statuses.lines().size() == 1);
    run(null, "mosquitto_pub", "-V", "mqttv5", "-r", "-q", "1", "-t", rebirth, "-m", "x");

    await().atMost(Duration.ofSeconds(5)).until(() -> publisher.retainedCommandsCleared() == 2);
    assertThat(retained(rebirth)).as("cleared while running").isEmpty();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> statuses.lines().size() == 1);
    assertThat(publisher.rebirthsRateLimited()).isZero();
  }

  @Test
  void anAlarmRaisedByTheAgentStillReachesAnAnonymousSubscriber() throws Exception {
    startPublisher();
    MosquittoSub events = MosquittoSub.start(dir, broker.port(), TOPICS.events(), "-q", "1");
    closeables.add(events);
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
    Alarm a = Alarms.laserFailure("els4/laser3", System.currentTimeMillis());
    view.alarms(List.of(a));
    view.bus().publish(new dev.cpo.agent.event.AgentEvent.AlarmRaised(view.bus().nextSeq(), a.raisedAtMillis(), a));

    await().atMost(Duration.ofSeconds(5)).until(() -> !events.lines().isEmpty());
    assertThat(json(events.lines().get(0).payload()).get("type").asText()).isEqualTo("alarm-raised");
  }

  /** The agent's replies, without the probes that showed the subscriber was in. */
  private static List<MosquittoSub.Line> answers(MosquittoSub replies) {
    return replies.lines().stream().filter(l -> !l.payload().equals("probe")).toList();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
