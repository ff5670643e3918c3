package dev.cpo.agent.mqtt;

import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.core.AgentSnapshot;
import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.event.EventBus;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.mqtt.link.Backoff;
import dev.cpo.agent.mqtt.link.ConnectionSupervisor;
import dev.cpo.agent.mqtt.link.Cork;
import dev.cpo.agent.mqtt.link.Lane;
import dev.cpo.agent.mqtt.link.OutboundMessage;
import dev.cpo.agent.mqtt.link.Outbox;
import dev.cpo.agent.mqtt.link.Sender;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the agent over MQTT 5 to the embedded broker or an external one: birth ({@code status}
 * online + {@code meta}, retained), periodic telemetry, on-change state, active alarms and events,
 * and answers {@code cmd/rebirth}. The offline status is the connection's will, with a will delay so
 * a brief reconnect does not flap it. Every (re)connect is a new birth with {@code bdSeq} + 1 and
 * republishes the latest state and every active alarm; what was published while the broker was away
 * waits in a bounded outbox and goes out in order after the birth.
 */
public final class MqttPublisher implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  /** The command that republishes birth, state and alarms. */
  public static final String REBIRTH = "rebirth";

  /** How long after connecting retained alarms are read back to clear stale ones. */
  private static final long STALE_ALARM_SWEEP_SECONDS = 5;

  private final String switchId;
  private final MqttConfig config;
  private final AgentView view;
  private final Supplier<String> brokerUrl;
  private final Clock clock;
  private final Topics topics;
  private final Commands commands;
  private final Payloads payloads;
  private final EventMessages eventMessages;
  private final Outbox outbox;
  /** Holds the connection's flushes while a run of telemetry goes to Paho (see {@link Cork}). */
  private final Cork cork = new Cork();
  private ScheduledExecutorService executor;
  private ScheduledExecutorService telemetryExecutor;
  private ConnectionSupervisor supervisor;
  private Sender sender;
  private TelemetryScheduler telemetry;
  private EventBus.Subscription subscription;
  private volatile long bdSeq;
  /** The seq of the current connection's birth status, which its offline status (will or clean stop) repeats. */
  private volatile long willSeq;

  /**
   * @param brokerUrl the broker to connect to, asked at {@link #start()} (the embedded broker's port is
   *     known only once it has started)
   */
  public MqttPublisher(String switchId, MqttConfig config, AgentView view, Supplier<String> brokerUrl, Clock clock) {
    this(switchId, config, view, brokerUrl, TimeBase.of(clock));
  }

  /**
   * @param time the agent's clock (every {@code ts}: readings, alarms, status, meta, replies) and the wall
   *     clock beside it
   */
  public MqttPublisher(String switchId, MqttConfig config, AgentView view, Supplier<String> brokerUrl, TimeBase time) {
    this.switchId = Objects.requireNonNull(switchId, "switchId");
    this.config = Objects.requireNonNull(config, "config");
    this.view = Objects.requireNonNull(view, "view");
    this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
    this.clock = Objects.requireNonNull(time, "time").clock();
    this.topics = new Topics(switchId);
    this.payloads = new Payloads(switchId, time);
    this.eventMessages = new EventMessages(topics, payloads);
    this.outbox = new Outbox(config.bufferMessages());
    this.commands = new Commands(topics, payloads, new Commands.Context() {
      @Override
      public long bdSeq() {
        return bdSeq;
      }

      @Override
      public long now() {
        return clock.millis();
      }
    }, () -> System.nanoTime() / 1_000_000);
  }

  /**
   * The publisher for the agent's configuration; {@code embedded} is required when mqtt.url is
   * {@code embedded}: the publisher then connects with the broker's agent credentials, and its client id is
   * reserved there.
   *
   * @param time the agent's clock (the simulator's) and the wall clock
   */
  public static MqttPublisher of(AgentConfig config, AgentView view, EmbeddedBroker embedded, TimeBase time) {
    MqttConfig mqtt = config.get(MqttConfig.SECTION);
    Supplier<String> url;
    if (mqtt.isEmbedded()) {
      Objects.requireNonNull(embedded, "mqtt.url is 'embedded' but no embedded broker was given");
      url = embedded::url;
      mqtt = embedded.agentCredentials().applyTo(mqtt);
    } else {
      url = mqtt::url;
    }
    MqttPublisher p = new MqttPublisher(config.switchId(), mqtt, view, url, time);
    if (embedded != null) {
      embedded.reserveClientId(p.clientId());
    }
    return p;
  }

  @Override
  public String name() {
    return "mqtt";
  }

  public String clientId() {
    return config.clientId().isBlank() ? "cpo-agent-" + switchId : config.clientId();
  }

  @Override
  public void start() throws MqttException {
    executor = Executors.newSingleThreadScheduledExecutor(daemon("mqtt-publisher"));
    // Telemetry payloads are built on their own thread: building ~900 of them must never hold up an
    // alarm event waiting for the sender's thread.
    telemetryExecutor = Executors.newSingleThreadScheduledExecutor(daemon("mqtt-telemetry"));
    AgentSnapshot latest = view.latest();
    eventMessages.seed(latest == null ? List.of() : latest.activeAlarms());
    String url = brokerUrl.get();
    supervisor = new ConnectionSupervisor(url, clientId(),
        Backoff.withThreadLocalRandom(config.reconnect().initialDelayMs(), config.reconnect().maxDelayMs()), executor,
        new Link());
    sender = new Sender(outbox, supervisor, executor, cork);
    telemetry = new TelemetryScheduler(view, topics, payloads, config.telemetry(), this::offer);
    subscription = view.events().subscribe("mqtt", this::onEvent);
    supervisor.start();
    telemetry.start(telemetryExecutor);
    LOG.info("MQTT publisher for switch {} started; broker {}, topics {}#", switchId, url, topics.base());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private void onEvent(AgentEvent event) {
    List<OutboundMessage> out = eventMessages.translate(event);
    if (event instanceof AgentEvent.EntityAdded || event instanceof AgentEvent.EntityRemoved) {
      // The retained meta lists the units in place: a swap replaces it (the birth lane goes out first).
      AgentSnapshot latest = view.latest();
      if (latest != null) {
        out = new ArrayList<>(out);
        out.add(meta(latest.hal().inventory(), clock.millis()));
      }
    }
    offer(out);
  }

  /** The retained meta, with the laser modules in place as {@link EventMessages} last saw them. */
  private OutboundMessage meta(Inventory inv, long now) {
    List<Payloads.UnitIdentity> units = new ArrayList<>();
    for (Entity e : inv.entitiesOf(EntityClass.LASER_MODULE)) {
      Payloads.UnitIdentity id = eventMessages.identityOf(e.name());
      if (id != null) {
        units.add(id);
      }
    }
    return OutboundMessage.of(Lane.BIRTH, topics.meta(), payloads.meta(inv, bdSeq, agentVersion(),
        telemetry.shortestIntervalMs(), now, units, eventMessages.inventoryChanges()), 1, true);
  }

  private void offer(List<OutboundMessage> messages) {
    for (OutboundMessage m : messages) {
      outbox.offer(m);
    }
    if (!messages.isEmpty()) {
      sender.requestDrain();
    }
  }

  /** Queues birth, then the latest state of every entity and every active alarm. Executor thread. */
  private void birth() {
    long now = clock.millis();
    outbox.offer(OutboundMessage.of(Lane.BIRTH, topics.status(), payloads.status(true, bdSeq, now), 1, true));
    AgentSnapshot latest = view.latest();
    if (latest == null) {
      return;
    }
    HalSnapshot snap = latest.hal();
    // The laser modules in place and their units, as the snapshot reads them; a pulled one has none.
    for (Entity e : snap.inventory().entitiesOf(EntityClass.LASER_MODULE)) {
      if (snap.entityStatus(e.index()).state() == OperState.ABSENT) {
        eventMessages.noIdentity(e.name());
      } else {
        eventMessages.identity(e.name(), snap.serialNumber(e.index()), snap.firmwareRevision(e.index()));
      }
    }
    outbox.offer(meta(snap.inventory(), now));
    for (Alarm a : eventMessages.activeAlarms()) {
      outbox.offer(eventMessages.activeAlarm(a));
    }
    for (Entity e : snap.inventory().entities()) {
      Payloads.UnitIdentity id = e.entityClass() == EntityClass.LASER_MODULE
          ? eventMessages.identityOf(e.name()) : null;
      String serial = id == null ? null : id.serialNumber();
      String firmware = id == null ? null : id.firmwareRevision();
      outbox.offer(OutboundMessage.of(Lane.STATE, topics.state(e.entityClass(), e.name()),
          payloads.state(e.name(), e.entityClass(), snap.entityStatus(e.index()), null, snap.timeMillis(), serial,
              firmware), 1, true));
    }
  }

  private static String agentVersion() {
    String v = MqttPublisher.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private void command(String topic, MqttMessage request) {
    Commands.Outcome outcome = commands.handle(topic, request);
    if (outcome.rebirth()) {
      birth();
    }
    for (OutboundMessage m : outcome.messages()) {
      outbox.offer(m);
    }
    sender.drain();
  }

  /** Rebirth requests refused by the rate limit (at most one per {@value Commands#REBIRTH_MIN_INTERVAL_MS} ms). */
  public long rebirthsRateLimited() {
    return commands.rateLimited();
  }

  /** Retained commands found on the broker, ignored and cleared. */
  public long retainedCommandsCleared() {
    return commands.retainedCleared();
  }

  /** The topics this publisher writes. */
  public Topics topics() {
    return topics;
  }

  /**
   * The last {@code seq} given out for a message class, to a message sent or lost and counted (events: how
   * many have gone out or been lost).
   */
  public long lastSeq(MessageClass messageClass) {
    return payloads.lastSeq(messageClass);
  }

  /** The birth/death sequence of the current connection (0 before the first). */
  public long bdSeq() {
    return bdSeq;
  }

  public boolean connected() {
    return supervisor != null && supervisor.connected();
  }

  /** While started and not connected: the broker's reason, and that it is retrying (for health). */
  @Override
  public String problem() {
    ConnectionSupervisor s = supervisor;
    if (s == null || s.connected()) {
      return null;
    }
    String why = s.lastFailure();
    return why == null ? "connecting to the broker" : why + ", retrying";
  }

  /** Messages waiting in the outbox. */
  public int waiting() {
    return outbox.waiting();
  }

  /** Messages dropped per lane because the outbox was full, e.g. {@code {telemetry=12}}. */
  public String dropped() {
    return outbox.droppedCounts();
  }

  /** Messages the broker has taken. */
  public long sent() {
    return sender == null ? 0 : sender.sent();
  }

  @Override
  public void stop() {
    if (subscription != null) {
      subscription.close();
    }
    if (telemetry != null) {
      telemetry.stop();
    }
    if (telemetryExecutor != null) {
      // A tick already running would otherwise hand its messages to the executor shut down below.
      telemetryExecutor.shutdownNow();
      try {
        telemetryExecutor.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (supervisor != null) {
      publishOfflineNow();
      supervisor.stop();
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A clean stop says so itself: a normal DISCONNECT makes the broker discard the will. */
  private void publishOfflineNow() {
    if (!supervisor.connected()) {
      return;
    }
    try {
      MqttMessage m = new MqttMessage(payloads.status(false, bdSeq, clock.millis()).with(willSeq), 1, true,
          ConnectOptions.jsonProperties());
      supervisor.client().publish(topics.status(), m).waitForCompletion(1000);
    } catch (MqttException e) {
      LOG.warn("MQTT: could not publish the offline status on stop ({}); the will covers it", e.toString());
    }
  }


  /** The supervisor's view of this publisher. Runs on the executor. */
  private final class Link implements ConnectionSupervisor.Listener {

    @Override
    public MqttConnectionOptions optionsForNextAttempt() {
      // The offline status ends the birth this connection will publish, so it repeats that birth's seq: the
      // next status number, taken when the birth is sent (the birth is the next status message numbered).
      willSeq = payloads.lastSeq(MessageClass.STATUS) + 1;
      return ConnectOptions.of(config, brokerUrl.get(), topics.status(),
          payloads.status(false, bdSeq + 1, clock.millis()).with(willSeq), cork);
    }

    @Override
    public void connected(int receiveMaximum) {
      bdSeq++;
      sender.window(receiveMaximum);
      try {
        // Retain-as-published: a command published with the retain flag shows it, so it is not run but cleared.
        MqttSubscription cmd = new MqttSubscription(commands.filter(), 1);
        cmd.setRetainAsPublished(true);
        supervisor.client().subscribe(cmd);
        // Our own retained alarms come back once, right after the SUBACK: those no longer active (left by
        // an earlier run against a persistent broker) are cleared, so consumers never see a ghost alarm.
        // The subscription is dropped after a grace period; kept, it would echo every alarm we publish.
        // QoS 0: an echo of our own alarm publishes during the grace period then costs no PUBACK.
        supervisor.client().subscribe(new MqttSubscription(topics.activeAlarms(), 0));
        executor.schedule(this::stopSweeping, STALE_ALARM_SWEEP_SECONDS, TimeUnit.SECONDS);
      } catch (MqttException e) {
        LOG.warn("MQTT: cannot subscribe to {} and {}: {}", commands.filter(), topics.activeAlarms(), e.toString());
      }
      birth();
      sender.drain();
    }

    private void stopSweeping() {
      if (supervisor.connected()) {
        try {
          supervisor.client().unsubscribe(topics.activeAlarms());
        } catch (MqttException e) {
          LOG.debug("MQTT: unsubscribe {}: {}", topics.activeAlarms(), e.toString());
        }
      }
    }

    @Override
    public void disconnected() {
      sender.disconnected();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (commands.isCommand(topic)) {
        command(topic, message);
      } else if (message.isRetained()) {
        OutboundMessage clear = eventMessages.staleAlarmClear(topic, message.getPayload());
        if (clear != null) {
          LOG.info("MQTT: clearing stale retained alarm {}", topic);
          outbox.offer(clear);
          sender.drain();
        }
      } else {
        LOG.debug("MQTT: ignoring message on {}", topic);
      }
    }
  }
}
