package dev.cpo.agent.mqtt.link;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ResourceBundle;
import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.junit.jupiter.api.Test;

class PahoLoggerTest {

  private static final String TOKEN = "org.eclipse.paho.mqttv5.client.internal.Token";

  @Test
  void pahosLoggersAreOursOnceInstalledAndLogPahosCatalogueTextThroughSlf4jAtTheMappedLevel() {
    PahoLogger.install();
    Logger paho = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, TOKEN);
    assertThat(paho).isInstanceOf(PahoLogger.class);
    paho.setResourceName("cpo-agent-sw1");

    ch.qos.logback.classic.Logger slf4j = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TOKEN);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    slf4j.addAppender(lines);
    Level before = slf4j.getLevel();
    try {
      slf4j.setLevel(Level.WARN);
      assertThat(paho.isLoggable(Logger.FINE)).isFalse();
      assertThat(paho.isLoggable(Logger.WARNING)).isTrue();
      paho.fine(TOKEN, "waitForCompletion", "101", new Object[] {"a", "b", "c"});
      assertThat(lines.list).isEmpty();

      // Message 101 of Paho's catalogue: "<init> ClientID={0} ServerURI={1} PersistenceType={2}".
      String text = ResourceBundle.getBundle(LoggerFactory.MQTT_CLIENT_MSG_CAT).getString("101");
      paho.warning(TOKEN, "connect", "101", new Object[] {"sw1", "tcp://x", "memory"});
      slf4j.setLevel(Level.DEBUG);
      paho.fine(TOKEN, "send", "101", new Object[] {"sw2", "tcp://y", "none"});
      paho.finest(TOKEN, "send", "no such key");

      assertThat(text).contains("ClientID={0}");
      assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG);
      assertThat(lines.list.get(0).getFormattedMessage())
          .isEqualTo("cpo-agent-sw1: connect: <init> ClientID=sw1 ServerURI=tcp://x PersistenceType=memory");
      assertThat(lines.list.get(1).getFormattedMessage()).contains("ClientID=sw2");
    } finally {
      slf4j.setLevel(before);
      slf4j.detachAppender(lines);
    }
  }
}
