package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every broker must show, run against the embedded one and a real Mosquitto. The agent side is a
 * {@link FixedAgentView} over a simulated switch's snapshot (default profile), driven by the test.
 */
abstract class NorthboundContract {

  static final ObjectMapper JSON = new ObjectMapper();
  static final long TELEMETRY_MS = 2_000;

  @TempDir Path dir;
  SimulatedSwitch sim;
  final Topics topics = new Topics("sw1");
  final List<AutoCloseable> closeables = new ArrayList<>();
  FixedAgentView view;
  String url;

  /** Starts the broker; returns its tcp:// url. */
  abstract String startBroker(Path dir) throws Exception;

  abstract void stopBroker() throws Exception;

  @BeforeEach
  void startBrokerAndView() throws Exception {
    url = startBroker(dir);
    sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1).load(0.6)
        .clock(new ManualClock()).build();
    closeables.add(sim::close);
    view = new FixedAgentView(sim.snapshot());
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    stopBroker();
  }

  /** The publisher's settings for {@code brokerUrl}; a broker that knows the agent's credentials adds them. */
  MqttConfig config(String brokerUrl) {
    return MqttConfig.SECTION.defaults().withUrl(brokerUrl).withClientId("agent-" + System.nanoTime())
        .withTelemetry(MqttConfig.Telemetry.every(TELEMETRY_MS)).withWillDelaySeconds(1)
        .withReconnect(new MqttConfig.Reconnect(100, 1_000));
  }

  MqttPublisher startPublisher(MqttConfig config) throws Exception {
    MqttPublisher p = new MqttPublisher("sw1", config, view, config::url, Clock.systemUTC());
    p.start();
    closeables.add(p::stop);
    return p;
  }

  MqttPublisher startConnectedPublisher() throws Exception {
    MqttPublisher p = startPublisher(config(url));
    await("publisher connected and born").atMost(Duration.ofSeconds(10)).until(() -> p.connected() && p.waiting() == 0);
    return p;
  }

  TestSubscriber subscribe(String... filters) throws Exception {
    TestSubscriber s = TestSubscriber.connect(url, "sub-" + System.nanoTime(), filters);
    closeables.add(s);
    return s;
  }

  static JsonNode json(TestSubscriber.Received r) {
    try {
      return JSON.readTree(r.payload());
    } catch (IOException e) {
      throw new AssertionError("not JSON on " + r.topic() + ": " + r.text(), e);
    }
  }

  @Test
  void aSubscriberSeesRetainedOnlineStatusAndMeta() throws Exception {
    startConnectedPublisher();
    TestSubscriber sub = subscribe(topics.status(), topics.meta());

    await().atMost(Duration.ofSeconds(2)).until(() -> sub.received().size() >= 2);
    TestSubscriber.Received status = sub.on(topics.status()).get(0);
    TestSubscriber.Received meta = sub.on(topics.meta()).get(0);
    assertThat(status.retained()).isTrue();
    assertThat(meta.retained()).isTrue();
    assertThat(json(status).get("state").asText()).isEqualTo("online");
    assertThat(json(status).get("bdSeq").asLong()).isEqualTo(1);
    assertThat(json(meta).get("profile").asText()).isEqualTo("quantum-x-photonics-115t");
    assertThat(json(meta).get("lasers").asInt()).isEqualTo(sim.inventory().entitiesOf(EntityClass.LASER).size());
    assertThat(Schemas.errors(MessageClass.STATUS, status.payload())).isEmpty();
    assertThat(Schemas.errors(MessageClass.META, meta.payload())).isEmpty();
  }

  @Test
  void telemetryOfEveryEntityArrivesWithinOneIntervalAndEveryMessageMatchesItsSchema() throws Exception {
    startConnectedPublisher();
    TestSubscriber sub = subscribe(topics.base() + "#");
    Payloads probe = new Payloads("probe");
    HalSnapshot snap = view.latest().hal();
    Set<String> expected = snap.inventory().entities().stream().filter(e -> probe.telemetry(snap, e) != null)
        .map(Entity::name).collect(Collectors.toSet());
    assertThat(expected).hasSizeGreaterThan(800);

    // The next tick is at most one interval away; the margin covers delivering its ~900 messages on a
    // loaded 2-core CI machine (load average 15 here at times).
    await().atMost(Duration.ofMillis(TELEMETRY_MS + 2_000)).untilAsserted(() -> assertThat(telemetryEntities(sub)).containsAll(expected));

    for (TestSubscriber.Received r : sub.received()) {
      assertThat(Schemas.errors(Schemas.classOf(topics, r.topic()), r.payload())).as(r.topic() + " " + r.text()).isEmpty();
    }
    TestSubscriber.Received laser = sub.on(topics.telemetry(EntityClass.LASER, "els4/laser3")).get(0);
    assertThat(json(laser).get("bias_ma").isNumber()).isTrue();
    assertThat(laser.retained()).isFalse();
    assertThat(laser.properties().getMessageExpiryInterval()).as("about 2 x interval").isBetween(1L, 2 * TELEMETRY_MS / 1000);
    assertThat(sub.on(r -> r.startsWith(topics.base() + "state/"))).as("retained state at birth").isNotEmpty();
  }

  private Set<String> telemetryEntities(TestSubscriber sub) {
    String prefix = topics.base() + "telemetry/";
    return sub.on(t -> t.startsWith(prefix)).stream()
        .map(r -> json(r).get("entity").asText()).collect(Collectors.toSet());
  }

  @Test
  void aLaserFailureGivesAnEventAndARetainedAlarmWithinOneSecondAndClearingRemovesBoth() throws Exception {
    startConnectedPublisher();
    TestSubscriber sub = subscribe(topics.events(), topics.base() + "alarms/active/+");
    String alarmTopic = topics.activeAlarm("laser-failure/els4/laser3");
    Alarm alarm = Alarms.laserFailure("els4/laser3", System.currentTimeMillis());

    view.alarms(List.of(alarm));
    view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), alarm.raisedAtMillis(), alarm));

    await().atMost(Duration.ofSeconds(1)).until(() -> !sub.on(topics.events()).isEmpty() && !sub.on(alarmTopic).isEmpty());
    JsonNode raised = json(sub.on(topics.events()).get(0));
    assertThat(raised.get("type").asText()).isEqualTo("alarm-raised");
    assertThat(raised.get("alarm_id").asText()).isEqualTo("laser-failure/els4/laser3");
    assertThat(Schemas.errors(MessageClass.EVENT, sub.on(topics.events()).get(0).payload())).isEmpty();
    TestSubscriber late = subscribe(topics.base() + "alarms/active/+");
    await().atMost(Duration.ofSeconds(1)).until(() -> !late.on(alarmTopic).isEmpty());
    assertThat(late.on(alarmTopic).get(0).retained()).isTrue();
    assertThat(json(late.on(alarmTopic).get(0)).get("condition").asText()).isEqualTo("laser-failure");

    view.alarms(List.of());
    view.bus().publish(new AgentEvent.AlarmCleared(view.bus().nextSeq(), System.currentTimeMillis(),
        alarm.cleared(System.currentTimeMillis())));

    await().atMost(Duration.ofSeconds(1)).until(() -> sub.on(topics.events()).size() == 2 && sub.on(alarmTopic).size() == 2);
    assertThat(json(sub.on(topics.events()).get(1)).get("type").asText()).isEqualTo("alarm-cleared");
    assertThat(json(sub.on(topics.events()).get(1)).get("seq").asLong())
        .isEqualTo(json(sub.on(topics.events()).get(0)).get("seq").asLong() + 1);
    assertThat(sub.on(alarmTopic).get(1).payload()).isEmpty();
    TestSubscriber afterClear = subscribe(topics.base() + "alarms/active/+", topics.status());
    // The retained alarm is gone: a new subscriber gets the status but no alarm.
    await().atMost(Duration.ofSeconds(1)).until(() -> !afterClear.on(topics.status()).isEmpty());
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> afterClear.on(alarmTopic).isEmpty());
  }

  @Test
  void aRebirthCommandIsAnsweredOnTheResponseTopicAndRepublishesTheBirth() throws Exception {
    startConnectedPublisher();
    String replyTo = "test/replies/" + System.nanoTime();
    TestSubscriber sub = subscribe(replyTo, topics.status());
    await().atMost(Duration.ofSeconds(1)).until(() -> sub.on(topics.status()).size() == 1);

    MqttMessage request = new MqttMessage(new byte[0], 1, false, new MqttProperties());
    request.getProperties().setResponseTopic(replyTo);
    request.getProperties().setCorrelationData("req-42".getBytes(StandardCharsets.UTF_8));
    sub.publish(topics.command(MqttPublisher.REBIRTH), request);

    await().atMost(Duration.ofSeconds(2)).until(() -> !sub.on(replyTo).isEmpty() && sub.on(topics.status()).size() == 2);
    TestSubscriber.Received reply = sub.on(replyTo).get(0);
    assertThat(new String(reply.properties().getCorrelationData(), StandardCharsets.UTF_8)).isEqualTo("req-42");
    assertThat(json(reply).get("result").asText()).isEqualTo("ok");
    assertThat(Schemas.errors(MessageClass.RESPONSE, reply.payload())).isEmpty();
  }

  @Test
  void aBriefNetworkCutDoesNotFlapTheStatusAndTheReconnectIsANewBirth() throws Exception {
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    CuttableProxy proxy = new CuttableProxy(port);
    closeables.add(proxy);
    MqttConfig viaProxy = config(proxy.url()).withWillDelaySeconds(5);
    MqttPublisher publisher = startPublisher(viaProxy);
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.connected() && publisher.waiting() == 0);
    TestSubscriber sub = subscribe(topics.status());
    await().atMost(Duration.ofSeconds(2)).until(() -> sub.on(topics.status()).size() == 1);

    proxy.cut();

    await().atMost(Duration.ofSeconds(5)).until(() -> sub.on(topics.status()).size() >= 2);
    // The old connection's will waits 5 s; the reconnect (backoff <= 1 s here) cancels it.
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7))
        .until(() -> sub.on(topics.status()).stream().noneMatch(r -> json(r).get("state").asText().equals("offline")));
    JsonNode rebirth = json(sub.on(topics.status()).get(sub.on(topics.status()).size() - 1));
    assertThat(rebirth.get("state").asText()).isEqualTo("online");
    assertThat(rebirth.get("bdSeq").asLong()).isEqualTo(2);
  }

  @Test
  void aKilledPublishersStatusGoesOfflineByItsWill() throws Exception {
    Topics killed = new Topics("killed");
    TestSubscriber sub = subscribe(killed.status());
    Process child = PublisherProcess.spawn(url, "killed", 1, config(url));
    closeables.add(child::destroyForcibly);

    await("child online").atMost(Duration.ofSeconds(20))
        .until(() -> sub.on(killed.status()).stream().anyMatch(r -> json(r).get("state").asText().equals("online")));
    child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

    await("offline by the will").atMost(Duration.ofSeconds(5))
        .until(() -> sub.on(killed.status()).stream().anyMatch(r -> json(r).get("state").asText().equals("offline")));
    JsonNode will = sub.on(killed.status()).stream().map(NorthboundContract::json)
        .filter(j -> j.get("state").asText().equals("offline")).findFirst().orElseThrow();
    assertThat(will.get("bdSeq").asLong()).isEqualTo(1);
  }
}
