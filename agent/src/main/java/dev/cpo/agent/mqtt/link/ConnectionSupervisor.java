package dev.cpo.agent.mqtt.link;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link MqttAsyncClient} connected. Paho's own automatic reconnect is not used: it shares a
 * static delay between clients, has no jitter, never retries the first connect and ignores its delay
 * setting. Here every attempt, the first included, is followed on failure by a full-jitter backoff
 * delay, and each failure is logged with the broker's reason.
 *
 * <p>All state changes run on the given single-threaded executor; Paho's callbacks only post to it.
 */
public final class ConnectionSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);

  /** What the owner of the connection hears. Called on the executor thread. */
  public interface Listener {

    /** Options for the next attempt (the will may change between attempts). */
    MqttConnectionOptions optionsForNextAttempt();

    /**
     * Connected; the session is new.
     *
     * @param receiveMaximum how many unacknowledged QoS 1 messages the broker accepts
     */
    void connected(int receiveMaximum);

    /** The connection was lost; no publish can go out until {@link #connected} again. */
    void disconnected();

    /** A message on a topic this client subscribed to. */
    void messageArrived(String topic, MqttMessage message);
  }

  private final String serverUri;
  private final String clientId;
  private final Backoff backoff;
  private final ScheduledExecutorService executor;
  private final Listener listener;
  private MqttAsyncClient client;
  private volatile boolean connected;
  private volatile boolean stopped;
  private volatile String lastFailure;
  private long connectAttempts;

  public ConnectionSupervisor(String serverUri, String clientId, Backoff backoff, ScheduledExecutorService executor,
      Listener listener) {
    this.serverUri = serverUri;
    this.clientId = clientId;
    this.backoff = backoff;
    this.executor = executor;
    this.listener = listener;
  }

  /** Creates the client and makes the first attempt; does not wait for it. */
  public void start() throws MqttException {
    // Paho makes a logger per token (per message): ours is cheap to make and logs through SLF4J.
    PahoLogger.install();
    client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
    client.setCallback(new Callbacks());
    executor.execute(this::attempt);
  }

  public boolean connected() {
    return connected;
  }

  /**
   * Runs a Paho callback's consequence on the executor. Once stopped, the executor is shut down and
   * Paho's last callbacks (the disconnect's own) have nothing left to do.
   */
  private void post(Runnable task) {
    try {
      executor.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      if (!stopped) {
        throw e;
      }
    }
  }

  /** Why the last attempt failed or the connection was lost, while not connected; null once connected. */
  public String lastFailure() {
    return lastFailure;
  }

  /** The client, for publishing while {@link #connected()}. */
  public MqttAsyncClient client() {
    return client;
  }

  /** Connection attempts made, successful or not. */
  public long connectAttempts() {
    return connectAttempts;
  }

  private void attempt() {
    if (stopped) {
      return;
    }
    connectAttempts++;
    MqttConnectionOptions options;
    try {
      options = listener.optionsForNextAttempt();
    } catch (RuntimeException e) {
      // Bad TLS files and the like: the same as a failed attempt, so it is logged and retried.
      failed("cannot prepare the connection: " + e.getMessage());
      return;
    }
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          post(() -> succeeded(token));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
          post(() -> failed(describe(error) + credentialsHint(error)));
        }
      });
    } catch (MqttException e) {
      failed(describe(e) + credentialsHint(e));
    }
  }

  /** Mosquitto answers a wrong password with 135 (not authorized), not 134: both point at the credentials. */
  private static String credentialsHint(Throwable error) {
    if (error instanceof MqttException e && (e.getReasonCode() == 0x86 || e.getReasonCode() == 0x87)) {
      return "; the broker rejected the credentials: check mqtt.username and mqtt.password";
    }
    return "";
  }

  private void succeeded(IMqttToken token) {
    if (stopped) {
      return;
    }
    connected = true;
    lastFailure = null;
    int attempts = backoff.attempts();
    backoff.reset();
    MqttProperties props = token.getResponseProperties();
    Integer receiveMaximum = props == null ? null : props.getReceiveMaximum();
    int window = receiveMaximum == null || receiveMaximum <= 0 ? 65535 : receiveMaximum;
    LOG.info("MQTT connected to {} as {} (after {} failed attempts; broker receive maximum {})", serverUri, clientId,
        attempts, window);
    listener.connected(window);
  }

  private void failed(String reason) {
    if (stopped) {
      return;
    }
    connected = false;
    lastFailure = reason;
    long delay = backoff.nextDelayMillis();
    LOG.warn("MQTT connect to {} as {} failed: {}; retrying in {} ms (attempt {})", serverUri, clientId, reason, delay,
        backoff.attempts());
    executor.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
  }

  private void lost(String reason) {
    if (stopped || !connected) {
      return;
    }
    connected = false;
    lastFailure = "connection lost: " + reason;
    listener.disconnected();
    long delay = backoff.nextDelayMillis();
    LOG.warn("MQTT connection to {} lost: {}; reconnecting in {} ms", serverUri, reason, delay);
    executor.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
  }

  /** One line an operator can act on, with the broker's reason code where it gave one. */
  static String describe(Throwable error) {
    if (error instanceof MqttException e) {
      String known = switch (e.getReasonCode()) {
        case 0x86 -> "bad user name or password (MQTT reason 134)";
        case 0x87 -> "not authorized (MQTT reason 135)";
        case 0x85 -> "the broker rejected the client id (MQTT reason 133)";
        case 0x88 -> "the broker is unavailable (MQTT reason 136)";
        case 0x84 -> "the broker does not speak MQTT 5 (MQTT reason 132, unsupported protocol version)";
        case 0x97 -> "the broker's quota is exceeded (MQTT reason 151)";
        case 0x90 -> "the broker rejected the topic name (MQTT reason 144)";
        default -> null;
      };
      if (known != null) {
        return known;
      }
      Throwable cause = e.getCause();
      return e.getMessage() + " (reason " + e.getReasonCode() + ")" + (cause != null ? ": " + cause : "");
    }
    return String.valueOf(error);
  }

  /** Stops reconnecting and closes the connection; safe to call more than once. */
  public void stop() {
    stopped = true;
    connected = false;
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(2000);
      }
    } catch (MqttException e) {
      LOG.debug("MQTT disconnect: {}", e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT close: {}", e.toString());
    }
  }

  private final class Callbacks implements MqttCallback {

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      String reason = response.getException() != null ? describe(response.getException())
          : "broker sent DISCONNECT (reason " + response.getReturnCode() + ")";
      post(() -> lost(reason));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT protocol error from {}: {}", serverUri, describe(exception));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      post(() -> listener.messageArrived(topic, message));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Completion is handled per publish by the sender's listener.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // The supervisor's own connect listener handles this.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // No enhanced authentication is used.
    }
  }
}
