package dev.cpo.agent.mqtt;

import dev.cpo.agent.mqtt.link.Lane;
import dev.cpo.agent.mqtt.link.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does with a message on {@code cpo/v1/<switch>/cmd/#}. Anyone on the broker may send
 * one, so:
 * <ul>
 *   <li>a retained command is never run (it would run again at every reconnect, and for every later
 *       subscriber) and is cleared with an empty retained message;</li>
 *   <li>{@code rebirth} (about 1,000 messages) runs at most once per {@link #REBIRTH_MIN_INTERVAL_MS}; a
 *       request sooner is answered {@code error} "rate limited" (when it names a response topic) and
 *       counted;</li>
 *   <li>an unknown command is answered {@code error}, naming the known ones.</li>
 * </ul>
 * Executor thread only.
 */
final class Commands {

  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

  /** At most one rebirth per this many milliseconds (wall time: it protects the broker and the agent). */
  static final long REBIRTH_MIN_INTERVAL_MS = 5_000;

  /** What the publisher must do for one command message. */
  record Outcome(boolean rebirth, List<OutboundMessage> messages) {}

  /** The publisher's side: the current bdSeq, and the time a reply is stamped with. */
  interface Context {
    long bdSeq();

    long now();
  }

  private final Topics topics;
  private final Payloads payloads;
  private final Context context;
  private final LongSupplier monotonicMillis;
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong retainedCleared = new AtomicLong();
  private long lastRebirthAt = Long.MIN_VALUE;

  Commands(Topics topics, Payloads payloads, Context context, LongSupplier monotonicMillis) {
    this.topics = topics;
    this.payloads = payloads;
    this.context = context;
    this.monotonicMillis = monotonicMillis;
  }

  /** The subscription filter: every command, so a retained one of any name is found and cleared. */
  String filter() {
    return topics.command("#");
  }

  boolean isCommand(String topic) {
    return topic.startsWith(topics.command(""));
  }

  Outcome handle(String topic, MqttMessage request) {
    if (request.isRetained()) {
      if (request.getPayload().length == 0) {
        // Our own clear (or someone else's) coming back: nothing to run, nothing to clear.
        return new Outcome(false, List.of());
      }
      long n = retainedCleared.incrementAndGet();
      LOG.warn("MQTT: ignored a retained command on {} and cleared it (a command must not be retained; "
          + "cleared so far: {})", topic, n);
      return new Outcome(false, List.of(OutboundMessage.of(Lane.RESPONSE, topic, new byte[0], 1, true)));
    }
    String name = topic.substring(topics.command("").length());
    if (!name.equals(MqttPublisher.REBIRTH)) {
      LOG.debug("MQTT: unknown command {}", topic);
      return new Outcome(false, reply(request, name, false, "unknown command '" + name + "'; known: "
          + MqttPublisher.REBIRTH));
    }
    long now = monotonicMillis.getAsLong();
    if (lastRebirthAt != Long.MIN_VALUE && now - lastRebirthAt < REBIRTH_MIN_INTERVAL_MS) {
      long n = rateLimited.incrementAndGet();
      long waitMs = REBIRTH_MIN_INTERVAL_MS - (now - lastRebirthAt);
      if (n == 1 || n % 100 == 0) {
        LOG.info("MQTT rebirth rate limited (at most one per {} ms; limited so far: {})", REBIRTH_MIN_INTERVAL_MS, n);
      }
      return new Outcome(false, reply(request, name, false, String.format(Locale.ROOT,
          "rate limited: at most one rebirth per %d s; try again in %.1f s", REBIRTH_MIN_INTERVAL_MS / 1000,
          waitMs / 1000.0)));
    }
    lastRebirthAt = now;
    LOG.info("MQTT rebirth requested");
    return new Outcome(true, reply(request, name, true, "birth, state and active alarms republished"));
  }

  private List<OutboundMessage> reply(MqttMessage request, String command, boolean ok, String text) {
    MqttProperties props = request.getProperties();
    String responseTopic = props == null ? null : props.getResponseTopic();
    if (responseTopic == null || responseTopic.isEmpty()) {
      return List.of();
    }
    if (BrokerPolicy.agentOnly(responseTopic) || responseTopic.contains("+") || responseTopic.contains("#")) {
      // The agent may write its own topics: a reply must never be a way to forge one.
      LOG.warn("MQTT: not answering {} on response topic {} (one of the agent's own topics, or a filter)", command,
          responseTopic);
      return List.of();
    }
    List<OutboundMessage> out = new ArrayList<>(1);
    SeqPayload body = payloads.response(command, ok, text, context.bdSeq(), context.now());
    out.add(new OutboundMessage(Lane.RESPONSE, responseTopic, null, 1, false, 0, props.getCorrelationData(), body));
    return out;
  }

  /** Rebirth requests refused by the rate limit. */
  long rateLimited() {
    return rateLimited.get();
  }

  /** Retained commands ignored and cleared. */
  long retainedCleared() {
    return retainedCleared.get();
  }
}
