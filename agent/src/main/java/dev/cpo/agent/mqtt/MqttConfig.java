package dev.cpo.agent.mqtt;

import dev.cpo.agent.config.Checks;

/**
 * @param url {@code embedded}, or {@code tcp://host:port} / {@code ssl://host:port} of an external MQTT 5 broker
 * @param embedded settings of the embedded broker
 */
public record MqttConfig(String url, Embedded embedded) {

  public MqttConfig {
    Checks.notBlank("url", url);
    if (!url.equals("embedded") && !url.startsWith("tcp://") && !url.startsWith("ssl://")) {
      throw new IllegalArgumentException("url must be 'embedded', tcp://host:port or ssl://host:port, was '" + url + "'");
    }
  }

  /** @param port tcp port of the embedded broker (0 picks a free one) */
  public record Embedded(int port) {
    public Embedded {
      Checks.port("port", port);
    }
  }
}
