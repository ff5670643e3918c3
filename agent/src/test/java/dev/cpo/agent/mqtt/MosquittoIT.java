package dev.cpo.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.mqtt.link.ConnectionSupervisor;
import dev.cpo.agent.mqtt.link.TlsSockets;
import dev.cpo.agent.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The northbound contract against a real Mosquitto 2, plus outages, TLS and credentials. */
class MosquittoIT extends NorthboundContract {

  /** The outage the issue asks for. */
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final long STORM_STEP_MS = 50;

  private Mosquitto mosquitto;

  @Override
  String startBroker(Path dir) throws Exception {
    mosquitto = new Mosquitto(dir);
    return mosquitto.start().url("tcp");
  }

  @Override
  void stopBroker() throws Exception {
    mosquitto.stop();
  }

  private Mosquitto restartAs(Mosquitto replacement) throws Exception {
    mosquitto.stop();
    mosquitto = replacement;
    return replacement;
  }

  @Test
  void noAlarmEventIsLostWhenMosquittoIsDownForTenSecondsDuringAStormOfTransitions() throws Exception {
    // Persistent broker: the subscriber's session (and what is queued for it) survives the restart.
    Mosquitto broker = restartAs(new Mosquitto(dir).persistent());
    url = broker.start().url("tcp");
    MqttPublisher publisher = startConnectedPublisher();
    TestSubscriber sub = TestSubscriber.connect(url, "storm-consumer", true, null, topics.events());
    closeables.add(sub);

    int transitions = (int) (OUTAGE.toMillis() / STORM_STEP_MS) + 40;
    AtomicInteger emitted = new AtomicInteger();
    ScheduledExecutorService storm = Executors.newSingleThreadScheduledExecutor();
    closeables.add(storm::shutdownNow);
    storm.scheduleAtFixedRate(() -> {
      int i = emitted.get();
      if (i >= transitions) {
        return;
      }
      // Alarms on 16 lasers, each raised then cleared: every transition is one event.
      Alarm a = Alarms.laserFailure("els" + (i / 2 % 4 + 1) + "/laser" + (i / 8 % 4 + 1), System.currentTimeMillis());
      long seq = view.bus().nextSeq();
      view.bus().publish(i % 2 == 0 ? new AgentEvent.AlarmRaised(seq, a.raisedAtMillis(), a)
          : new AgentEvent.AlarmCleared(seq, a.raisedAtMillis(), a.cleared(a.raisedAtMillis())));
      emitted.incrementAndGet();
    }, 0, STORM_STEP_MS, TimeUnit.MILLISECONDS);

    await().atMost(Duration.ofSeconds(5)).until(() -> emitted.get() >= 20);
    broker.stop();
    long stoppedAt = System.nanoTime();
    await().atMost(OUTAGE.plusSeconds(10)).until(() -> emitted.get() >= 20 + OUTAGE.toMillis() / STORM_STEP_MS);
    await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.connected());
    broker.start();
    long outageMs = (System.nanoTime() - stoppedAt) / 1_000_000;

    await().atMost(Duration.ofSeconds(30)).until(() -> eventSeqs(sub).size() >= transitions);
    Set<Long> seqs = eventSeqs(sub);
    assertThat(seqs).as("every event, seq 1..%d without a gap", transitions)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, transitions).boxed().toList());
    assertThat(outageMs).isGreaterThanOrEqualTo(OUTAGE.toMillis() - 500);
    assertThat(publisher.bdSeq()).as("a new birth after the restart").isGreaterThanOrEqualTo(2);
    assertThat(publisher.dropped()).isEqualTo("{}");
    LoggerFactory.getLogger(MosquittoIT.class).info("storm: {} events, outage {} ms, {} received ({} duplicates)",
        transitions, outageMs, sub.received().size(), sub.received().size() - seqs.size());
  }

  @Test
  void acrossABrokerRestartEveryQos1ClassArrivesWithoutASeqGapWhenNothingWasLost() throws Exception {
    // Persistent broker, no queue limit, persistent QoS 1 consumer: nothing is lost, so no gap may show.
    Mosquitto broker = restartAs(new Mosquitto(dir).persistent().config("max_queued_messages 0"));
    url = broker.start().url("tcp");
    String laser = "els4/laser3";
    TestSubscriber sub = TestSubscriber.connect(url, "seq-consumer", true, null, topics.status(), topics.meta(),
        topics.base() + "state/#", topics.activeAlarms(), topics.events());
    closeables.add(sub);
    MqttPublisher publisher = startConnectedPublisher();
    int entities = view.inventory().entities().size();
    await().atMost(Duration.ofSeconds(10)).until(() -> seqs(sub, MessageClass.STATE).size() == entities);

    broker.stop();
    await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.connected());
    // While the broker is away: the laser's state changes three times, its alarm is raised and cleared
    // twice and raised again. The outbox keeps only the newest state and alarm of each topic (and the birth
    // at reconnect replaces them again); the five events all wait.
    dev.cpo.hal.EntityStatus up = dev.cpo.hal.EntityStatus.of(dev.cpo.hal.OperState.UP);
    dev.cpo.hal.EntityStatus failed = new dev.cpo.hal.EntityStatus(dev.cpo.hal.OperState.FAILED, "LF", 0, 0, true);
    List<dev.cpo.hal.EntityStatus> states = List.of(up, failed, up, failed);
    for (int i = 1; i < states.size(); i++) {
      view.bus().publish(new AgentEvent.StateChanged(view.bus().nextSeq(), System.currentTimeMillis(), laser,
          dev.cpo.hal.EntityClass.LASER, states.get(i - 1), states.get(i)));
    }
    for (int i = 0; i < 3; i++) {
      Alarm a = Alarms.laserFailure(laser, System.currentTimeMillis());
      view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), a.raisedAtMillis(), a));
      if (i < 2) {
        view.bus().publish(new AgentEvent.AlarmCleared(view.bus().nextSeq(), a.raisedAtMillis(),
            a.cleared(a.raisedAtMillis())));
      }
    }
    // A few reconnect attempts against the stopped broker (each one's will is built then).
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
    broker.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> publisher.connected() && publisher.waiting() == 0);
    List<MessageClass> classes = List.of(MessageClass.STATUS, MessageClass.META, MessageClass.STATE,
        MessageClass.ALARM, MessageClass.EVENT);
    await("every numbered message delivered").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      for (MessageClass c : classes) {
        TreeSet<Long> got = seqs(sub, c);
        assertThat(got.isEmpty() ? 0 : got.last()).as("%s: last seq received (%d received) vs given out", c,
            got.size()).isEqualTo(publisher.lastSeq(c));
      }
    });
    for (MessageClass c : classes) {
      TreeSet<Long> got = seqs(sub, c);
      assertThat(got).as("%s: seq 1..%d, each at least once (no gap, no loss)", c, got.last())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, got.last()).boxed().toList());
    }
    assertThat(seqs(sub, MessageClass.EVENT)).hasSize(5);
    assertThat(seqs(sub, MessageClass.ALARM)).isNotEmpty();
    assertThat(publisher.bdSeq()).isEqualTo(2);
    assertThat(publisher.dropped()).isEqualTo("{}");
  }

  /** The seqs received for a class (empty payloads, i.e. retained clears, carry none). */
  private TreeSet<Long> seqs(TestSubscriber sub, MessageClass c) {
    return sub.received().stream().filter(r -> r.payload().length > 0 && Schemas.classOf(topics, r.topic()) == c)
        .map(r -> json(r).get("seq").asLong()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aRetainedAlarmLeftByAnEarlierRunIsClearedAndAnActiveOneIsKept() throws Exception {
    String ghost = topics.activeAlarm("laser-failure/els9/laser9");
    Alarm stillActive = Alarms.laserFailure("els4/laser3", System.currentTimeMillis());
    TestSubscriber earlierRun = subscribe("unused/topic");
    for (String topic : List.of(ghost, topics.activeAlarm(stillActive.id()))) {
      earlierRun.publish(topic, new org.eclipse.paho.mqttv5.common.MqttMessage(
          new Payloads("sw1").alarm(Alarms.laserFailure("els9/laser9", 1)).number(), 1, true, null));
    }
    view.alarms(List.of(stillActive));

    startConnectedPublisher();

    TestSubscriber sub = subscribe(topics.activeAlarms(), topics.status());
    await().atMost(Duration.ofSeconds(2)).until(() -> !sub.on(topics.status()).isEmpty()
        && !sub.on(topics.activeAlarm(stillActive.id())).isEmpty());
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> sub.on(ghost).isEmpty());
    assertThat(json(sub.on(topics.activeAlarm(stillActive.id())).get(0)).get("entity").asText())
        .isEqualTo("els4/laser3");
  }

  private static Set<Long> eventSeqs(TestSubscriber sub) {
    return sub.received().stream().map(r -> json(r).get("seq").asLong()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void itPublishesOverMutualTlsWithCertificatesTheTestMadeAndRefusesABrokerItCannotVerify() throws Exception {
    Certificates pki = new Certificates(dir, "test-ca");
    Mosquitto tls = restartAs(new Mosquitto(dir)
        .config("cafile " + pki.caCert)
        .config("certfile " + pki.serverCert)
        .config("keyfile " + pki.serverKey)
        .config("require_certificate true"));
    url = tls.start().url("ssl");
    MqttConfig.Tls clientTls = new MqttConfig.Tls(pki.caCert.toString(), pki.clientCert.toString(),
        pki.clientKey.toString());
    MqttPublisher publisher = startPublisher(config(url).withTls(clientTls));
    await().atMost(Duration.ofSeconds(10)).until(publisher::connected);

    TestSubscriber sub = TestSubscriber.connect(url, "tls-consumer", false,
        TlsSockets.socketFactory(clientTls.caFile(), clientTls.certFile(), clientTls.keyFile()), topics.status());
    closeables.add(sub);
    await().atMost(Duration.ofSeconds(2)).until(() -> !sub.on(topics.status()).isEmpty());
    assertThat(json(sub.on(topics.status()).get(0)).get("state").asText()).isEqualTo("online");

    // A CA that did not sign the broker: verification fails, the publisher never connects.
    Certificates other = new Certificates(dir, "other-ca");
    ListAppender<ILoggingEvent> log = capture();
    MqttPublisher untrusting = startPublisher(config(url).withClientId("untrusting")
        .withTls(new MqttConfig.Tls(other.caCert.toString(), pki.clientCert.toString(), pki.clientKey.toString())));
    await().atMost(Duration.ofSeconds(10)).until(() -> failures(log, "untrusting").size() >= 2);
    assertThat(untrusting.connected()).isFalse();
    assertThat(failures(log, "untrusting").get(0)).containsIgnoringCase("certificat");
  }

  @Test
  void aWrongPasswordIsLoggedClearlyAndRetriedWithBackoff() throws Exception {
    Path passwords = dir.resolve("passwd");
    Process p = new ProcessBuilder(Tools.require("mosquitto_passwd").toString(), "-c", "-b", passwords.toString(),
        "agent", "right-secret").redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    Mosquitto secured = restartAs(new Mosquitto(dir).config("password_file " + passwords));
    url = secured.start().url("tcp");
    ListAppender<ILoggingEvent> log = capture();

    MqttPublisher wrong = startPublisher(config(url).withClientId("wrong-pw").withCredentials("agent", "wrong-secret"));

    await().atMost(Duration.ofSeconds(15)).until(() -> failures(log, "wrong-pw").size() >= 4);
    List<String> lines = failures(log, "wrong-pw");
    assertThat(lines.get(0)).contains("check mqtt.username and mqtt.password").contains("retrying in");
    assertThat(wrong.connected()).isFalse();
    assertThat(lines).allSatisfy(l -> assertThat(l).matches(".*retrying in \\d+ ms \\(attempt \\d+\\)"));

    MqttPublisher right = startPublisher(config(url).withClientId("right-pw").withCredentials("agent", "right-secret"));
    await().atMost(Duration.ofSeconds(5)).until(right::connected);
  }

  @Test
  void aPublishTheBrokersAclRefusesIsLoggedAndDroppedNotCountedAsSent() throws Exception {
    Path passwords = dir.resolve("passwd");
    Process p = new ProcessBuilder(Tools.require("mosquitto_passwd").toString(), "-c", "-b", passwords.toString(),
        "agent", "secret").redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    Path acl = dir.resolve("acl");
    // The agent may write everything of its switch except events; "reader" reads everything.
    java.nio.file.Files.writeString(acl, "user agent\ntopic write cpo/v1/sw1/status\ntopic write cpo/v1/sw1/meta\n"
        + "topic readwrite cpo/v1/sw1/alarms/#\ntopic write cpo/v1/sw1/state/#\ntopic write cpo/v1/sw1/telemetry/#\n"
        + "topic read cpo/v1/sw1/cmd/#\n");
    Mosquitto secured = restartAs(new Mosquitto(dir).config("password_file " + passwords).config("acl_file " + acl));
    url = secured.start().url("tcp");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger senderLog = (Logger) LoggerFactory.getLogger(dev.cpo.agent.mqtt.link.Sender.class);
    senderLog.addAppender(log);
    closeables.add(() -> senderLog.detachAppender(log));
    MqttPublisher publisher = startPublisher(config(url).withCredentials("agent", "secret"));
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.connected() && publisher.waiting() == 0);

    Alarm a = Alarms.laserFailure("els4/laser3", System.currentTimeMillis());
    view.bus().publish(new AgentEvent.AlarmRaised(view.bus().nextSeq(), a.raisedAtMillis(), a));

    await().atMost(Duration.ofSeconds(5)).until(() -> log.list.stream()
        .anyMatch(e -> e.getFormattedMessage().contains("refused cpo/v1/sw1/events")));
    assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("refused")))
        .allMatch(m -> m.contains("events"));
  }

  @Test
  void theShippedAclAndSettingsLetOnlyTheAgentPublishItsTopicsAndKeepItsClientId() throws Exception {
    Path shipped = Tools.repoRoot().resolve("config/mosquitto");
    List<String> conf = java.nio.file.Files.readAllLines(shipped.resolve("cpo-agent.conf"));
    assertThat(conf).contains("allow_anonymous false", "use_username_as_clientid true");
    Path passwords = dir.resolve("passwd");
    passwd(passwords, "-c", "cpo-agent-sw1", "agent-secret");
    passwd(passwords, null, "noc", "noc-secret");
    Mosquitto secured = restartAs(new Mosquitto(dir).config("password_file " + passwords)
        .config("acl_file " + shipped.resolve("cpo-agent.acl")).config("use_username_as_clientid true"));
    url = secured.start().url("tcp");
    MqttPublisher agent = startPublisher(config(url).withClientId("").withCredentials("cpo-agent-sw1", "agent-secret"));
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.connected() && agent.waiting() == 0);
    String[] noc = {"-h", "127.0.0.1", "-p", Integer.toString(secured.port()), "-V", "mqttv5", "-u", "noc", "-P",
        "noc-secret"};

    String forged = client("mosquitto_pub", noc, "-r", "-q", "1", "-t", topics.status(), "-m", "forged");
    String takeover = client("mosquitto_sub", noc, "-i", "cpo-agent-sw1", "-t", "x", "-W", "1");
    String anonymous = client("mosquitto_sub", new String[] {"-h", "127.0.0.1", "-p",
        Integer.toString(secured.port()), "-V", "mqttv5"}, "-t", topics.status(), "-W", "1");
    String reply = client("mosquitto_rr", noc, "-t", topics.command(MqttPublisher.REBIRTH), "-e", "cpo/replies/noc/1",
        "-m", "x", "-W", "5");
    String status = client("mosquitto_sub", noc, "-t", topics.status(), "-C", "1", "-W", "2");

    assertThat(forged).contains("Not authorized");
    assertThat(json(status).get("state").asText()).as(status).isEqualTo("online");
    assertThat(takeover).as("its id is replaced by its user name: the agent stays").contains("Timed out");
    assertThat(anonymous).containsIgnoringCase("not authori");
    assertThat(json(reply).get("result").asText()).as(reply).isEqualTo("ok");
    assertThat(agent.connected()).isTrue();
    assertThat(agent.bdSeq()).as("never kicked off").isEqualTo(1);
  }

  private static void passwd(Path file, String create, String user, String password) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Tools.require("mosquitto_passwd").toString()));
    if (create != null) {
      command.add(create);
    }
    command.addAll(List.of("-b", file.toString(), user, password));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
  }

  /** Runs a mosquitto client to its end; everything it printed. */
  private static String client(String program, String[] connection, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Tools.require(program).toString()));
    command.addAll(List.of(connection));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(program + " finished").isTrue();
    return out.strip();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) throws java.io.IOException {
    return JSON.readTree(text);
  }

  @Test
  void mosquittoSubAsAConsumerSeesStatusMetaAndTelemetryAndEveryLineMatchesItsSchema() throws Exception {
    startConnectedPublisher();
    // The README's consumer: mosquitto_sub -V mqttv5 -v -t 'cpo/v1/#', here stopping after 1,600 messages
    // (the retained birth is ~1,500 of them, then telemetry).
    Process sub = new ProcessBuilder(Tools.require("mosquitto_sub").toString(), "-h", "127.0.0.1", "-p",
        Integer.toString(mosquitto.port()), "-V", "mqttv5", "-v", "-t", "cpo/v1/#", "-C", "1600", "-W", "20")
        .redirectErrorStream(true).start();
    closeables.add(sub::destroyForcibly);
    List<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(sub.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8)).lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith(topics.status() + " {"))
        .anyMatch(l -> l.startsWith(topics.meta() + " {"))
        .anyMatch(l -> l.startsWith(topics.base() + "telemetry/laser/"));
    for (String line : lines) {
      int space = line.indexOf(' ');
      String topic = line.substring(0, space);
      byte[] payload = line.substring(space + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(Schemas.errors(Schemas.classOf(topics, topic), payload)).as(line).isEmpty();
    }
  }

  private ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(ConnectionSupervisor.class);
    logger.addAppender(appender);
    closeables.add(() -> logger.detachAppender(appender));
    return appender;
  }

  private static List<String> failures(ListAppender<ILoggingEvent> log, String clientId) {
    // Logback's AppenderBase.doAppend holds the appender's lock while it adds to the list: copy it under that lock.
    List<ILoggingEvent> events;
    synchronized (log) {
      events = new java.util.ArrayList<>(log.list);
    }
    return events.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(" as " + clientId + " failed")).toList();
  }
}
