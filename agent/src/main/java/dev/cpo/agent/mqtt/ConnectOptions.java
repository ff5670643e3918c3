package dev.cpo.agent.mqtt;

import dev.cpo.agent.mqtt.link.NoDelaySockets;
import dev.cpo.agent.mqtt.link.TlsSockets;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** The MQTT 5 CONNECT options of one attempt: session, keep-alive, the offline will, credentials, TLS. */
final class ConnectOptions {

  private ConnectOptions() {}

  /**
   * @param willPayload the offline status carrying the bdSeq this connection will have
   * @throws IllegalStateException when the TLS files cannot be used (the supervisor logs and retries)
   */
  static MqttConnectionOptions of(MqttConfig config, String url, String statusTopic, byte[] willPayload) {
    return of(config, url, statusTopic, willPayload, null);
  }

  /** @param cork what holds back a plain connection's flushes during a run of telemetry, or null for none */
  static MqttConnectionOptions of(MqttConfig config, String url, String statusTopic, byte[] willPayload,
      dev.cpo.agent.mqtt.link.Cork cork) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setAutomaticReconnect(false);
    // A clean start: what was in flight is resent by the outbox, not by Paho's session state.
    o.setCleanStart(true);
    // The session must outlive the will delay, or the broker publishes the will at once.
    o.setSessionExpiryInterval((long) config.sessionExpirySeconds());
    o.setKeepAliveInterval(config.keepAliveSeconds());
    o.setConnectionTimeout(10);
    o.setWill(statusTopic, new MqttMessage(willPayload, 1, true, null));
    MqttProperties willProps = jsonProperties();
    willProps.setWillDelayInterval((long) config.willDelaySeconds());
    o.setWillMessageProperties(willProps);
    if (!config.username().isBlank()) {
      o.setUserName(config.username());
    }
    if (!config.password().isEmpty()) {
      o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
    }
    if (url.startsWith("ssl://")) {
      MqttConfig.Tls tls = config.tls();
      try {
        o.setSocketFactory(NoDelaySockets.tls(TlsSockets.socketFactory(tls.caFile(), tls.certFile(), tls.keyFile())));
      } catch (Exception e) {
        throw new IllegalStateException("TLS setup from mqtt.tls failed: " + e, e);
      }
      o.setHttpsHostnameVerificationEnabled(true);
    } else {
      o.setSocketFactory(cork != null ? NoDelaySockets.plain(cork) : NoDelaySockets.plain());
    }
    return o;
  }

  /** Properties saying the payload is UTF-8 JSON. */
  static MqttProperties jsonProperties() {
    MqttProperties p = new MqttProperties();
    p.setContentType("application/json");
    p.setPayloadFormat(true);
    return p;
  }
}
