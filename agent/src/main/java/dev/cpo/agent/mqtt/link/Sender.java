package dev.cpo.agent.mqtt.link;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the {@link Outbox} into the connected client, at most {@code window} messages unacknowledged.
 * Paho's error 32202 (too many messages in flight: the broker's receive maximum, 20 on Mosquitto) is
 * back-pressure, not a failure: the message goes back to the front and sending resumes on the next
 * acknowledgement. Runs on the supervisor's executor.
 */
public final class Sender {

  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

  /** A message the broker refuses this often while connected is dropped (and logged), not retried forever. */
  static final int MAX_REFUSALS = 3;

  private static final long RETRY_PAUSE_MILLIS = 50;

  private final Outbox outbox;
  private final ConnectionSupervisor supervisor;
  private final ScheduledExecutorService executor;
  private final Cork cork;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final java.util.Queue<Outbox.Entry> acks = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicBoolean acksScheduled = new AtomicBoolean();
  private final Map<Long, Integer> refusals = new HashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong backPressure = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private int window = 16;
  private boolean paused;

  public Sender(Outbox outbox, ConnectionSupervisor supervisor, ScheduledExecutorService executor) {
    this(outbox, supervisor, executor, new Cork());
  }

  /**
   * @param cork held while telemetry goes to Paho, until Paho has written all of it (at most
   *     {@value #CORK_BACKSTOP_MILLIS} ms), and released before any other lane's message
   */
  public Sender(Outbox outbox, ConnectionSupervisor supervisor, ScheduledExecutorService executor, Cork cork) {
    this.outbox = outbox;
    this.supervisor = supervisor;
    this.executor = executor;
    this.cork = cork;
  }

  /** Limits unacknowledged messages; the broker's receive maximum, capped so one burst does not hog it. */
  public void window(int messages) {
    this.window = Math.max(1, Math.min(messages, 64));
    this.paused = false;
  }

  /** Asks for a drain on the executor; cheap to call for every offered message. */
  public void requestDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      executor.execute(() -> {
        drainScheduled.set(false);
        drain();
      });
    }
  }

  /** Sends while connected, not paused, and under the window. Executor thread only. */
  public void drain() {
    try {
      while (supervisor.connected() && !paused && outbox.inflight() < window) {
        Outbox.Entry entry = outbox.next();
        if (entry == null) {
          return;
        }
        boolean telemetry = entry.message().lane() == Lane.TELEMETRY;
        // A run of telemetry goes out in one write once Paho has written it all; anything else at once.
        // Never while another lane's message may still be waiting in Paho to be written: it would be held too.
        if (telemetry && othersUnwritten == 0) {
          holdCork();
        } else if (!telemetry) {
          releaseCork();
        }
        if (!send(entry)) {
          return;
        }
        if (telemetry) {
          telemetryUnwritten++;
        } else {
          othersUnwritten++;
        }
      }
    } finally {
      if (telemetryUnwritten == 0) {
        releaseCork();
      }
    }
  }

  /**
   * Telemetry handed to Paho while the cork holds and not yet acknowledged: Paho acknowledges a QoS 0
   * message once it has written it (into the held stream), so at 0 everything held is written and the
   * cork lets it go. Executor thread.
   */
  private int telemetryUnwritten;
  /** Messages of the other lanes handed to Paho and not yet acknowledged (written, or for QoS 1 received). */
  private int othersUnwritten;
  private boolean corked;
  private boolean backstopScheduled;

  /** However the count goes, what is held goes out within this long. */
  static final long CORK_BACKSTOP_MILLIS = 20;

  private void holdCork() {
    if (!corked) {
      corked = true;
      cork.hold();
      if (!backstopScheduled) {
        try {
          executor.schedule(() -> {
            backstopScheduled = false;
            releaseCork();
          }, CORK_BACKSTOP_MILLIS, TimeUnit.MILLISECONDS);
          backstopScheduled = true;
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
          // The publisher is stopping: hold nothing.
          corked = false;
          cork.release();
        }
      }
    }
  }

  private void releaseCork() {
    if (corked) {
      corked = false;
      cork.release();
    }
  }

  private void written(Outbox.Entry entry) {
    if (entry.message().lane() == Lane.TELEMETRY) {
      if (telemetryUnwritten > 0) {
        telemetryUnwritten--;
      }
    } else if (othersUnwritten > 0) {
      othersUnwritten--;
    }
  }

  private boolean send(Outbox.Entry entry) {
    OutboundMessage m = entry.message();
    MqttMessage msg = new MqttMessage(m.payload(), m.qos(), m.retained(), properties(m));
    try {
      supervisor.client().publish(m.topic(), msg, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int refusal = refusalCode(token);
          if (refusal != 0) {
            executor.execute(() -> failed(entry, new MqttException(refusal)));
          } else {
            acknowledgedLater(entry);
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
          executor.execute(() -> failed(entry, error));
        }
      });
      return true;
    } catch (MqttException e) {
      outbox.retry(entry);
      if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        backPressure.incrementAndGet();
        paused = true;
        if (outbox.inflight() == 0) {
          // Nothing of ours will be acknowledged to wake us: look again shortly.
          executor.schedule(this::resume, RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        }
      } else if (supervisor.connected()) {
        LOG.debug("MQTT publish to {} not accepted now ({}); retrying", m.topic(), e.toString());
        executor.schedule(this::requestDrain, RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
      }
      return false;
    }
  }

  private void resume() {
    paused = false;
    drain();
  }

  /**
   * Paho's callback thread: the acknowledgement is handled on the executor. Acknowledgements come one per
   * message (a QoS 0 one as soon as it is written), so they are queued and taken together: one hand-over to
   * the executor for all that arrive while it is busy, not one wake-up per message.
   */
  private void acknowledgedLater(Outbox.Entry entry) {
    acks.add(entry);
    if (acksScheduled.compareAndSet(false, true)) {
      executor.execute(this::takeAcknowledgements);
    }
  }

  private void takeAcknowledgements() {
    acksScheduled.set(false);
    for (Outbox.Entry entry = acks.poll(); entry != null; entry = acks.poll()) {
      written(entry);
      if (outbox.acknowledged(entry)) {
        sent.incrementAndGet();
        refusals.remove(entry.id());
      }
    }
    paused = false;
    drain();
  }

  private void failed(Outbox.Entry entry, Throwable error) {
    written(entry);
    if (telemetryUnwritten == 0) {
      releaseCork();
    }
    if (!supervisor.connected()) {
      // The disconnect already put everything in flight back in line (retry() then returns false).
      outbox.retry(entry);
      return;
    }
    int n = refusals.merge(entry.id(), 1, Integer::sum);
    if (n >= MAX_REFUSALS) {
      refusals.remove(entry.id());
      if (outbox.acknowledged(entry)) {
        refused.incrementAndGet();
        LOG.error("MQTT broker refused {} {} times ({}); dropped it", entry.message().topic(), n,
            ConnectionSupervisor.describe(error));
      }
    } else if (outbox.retry(entry)) {
      LOG.warn("MQTT publish to {} failed ({}); retrying", entry.message().topic(), ConnectionSupervisor.describe(error));
    }
    executor.schedule(this::requestDrain, RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The connection dropped: unacknowledged messages go back in line. */
  public void disconnected() {
    telemetryUnwritten = 0;
    othersUnwritten = 0;
    releaseCork();
    int back = outbox.requeueInflight();
    paused = false;
    if (back > 0) {
      LOG.info("MQTT: {} unacknowledged messages will be sent again after reconnecting", back);
    }
  }

  /** Messages the broker acknowledged (QoS 1) or took (QoS 0). */
  public long sent() {
    return sent.get();
  }

  /** Times the client pushed back with 32202. */
  public long backPressureEvents() {
    return backPressure.get();
  }

  /** Messages dropped because the broker refused them repeatedly. */
  public long refused() {
    return refused.get();
  }

  /**
   * An MQTT 5 PUBACK can carry a failure (reason code 0x80 and up, e.g. 0x87 not authorized by an ACL)
   * while Paho still reports success: that is a refusal, never a delivery.
   */
  static int refusalCode(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    if (codes != null) {
      for (int code : codes) {
        if (code >= 0x80) {
          return code;
        }
      }
    }
    return 0;
  }

  private static MqttProperties properties(OutboundMessage m) {
    MqttProperties p = new MqttProperties();
    if (m.payload().length > 0) {
      p.setContentType("application/json");
      p.setPayloadFormat(true);
    }
    if (m.expirySeconds() > 0) {
      p.setMessageExpiryInterval(m.expirySeconds());
    }
    if (m.correlationData() != null) {
      p.setCorrelationData(m.correlationData());
    }
    return p;
  }
}
