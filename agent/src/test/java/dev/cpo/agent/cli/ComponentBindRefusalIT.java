package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.lifecycle.StartRefused;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A port taken after {@code run}'s checks and before the component binds it (the race those checks
 * cannot close): {@link Product#start()} itself refuses with the same one line naming the key, every
 * component started before it is stopped and its port released, and nothing is logged at ERROR (no
 * Moquette stack trace, no RejectedExecutionException from the MQTT or Netty threads).
 */
class ComponentBindRefusalIT {

  @TempDir Path dir;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Product product;

  @BeforeEach
  void captureLog() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void stop() {
    root.detachAppender(log);
    if (product != null) {
      product.stop();
    }
  }

  @Test
  void snmpsPortTakenAtStartIsRefusedNamingSnmpPort() throws Exception {
    refusedWhenTaken("snmp.port", "udp");
  }

  @Test
  void theBrokersPortTakenAtStartIsRefusedNamingMqttEmbeddedPortAndSnmpIsReleased() throws Exception {
    refusedWhenTaken("mqtt.embedded.port", "tcp");
  }

  @Test
  void gnmisPortTakenAtStartIsRefusedNamingGnmiPortAndEverythingBeforeIsReleased() throws Exception {
    refusedWhenTaken("gnmi.port", "tcp");
  }

  @Test
  void theControlPortTakenAtStartIsRefusedNamingControlPortAndEverythingBeforeIsReleased() throws Exception {
    refusedWhenTaken("control.port", "tcp");
  }

  /** Every listener on its own free port; {@code key}'s held by this test while the product starts. */
  private void refusedWhenTaken(String key, String protocol) throws Exception {
    Map<String, String> protocols = new LinkedHashMap<>();
    protocols.put("snmp.port", "udp");
    protocols.put("mqtt.embedded.port", "tcp");
    protocols.put("gnmi.port", "tcp");
    protocols.put("control.port", "tcp");
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : protocols.entrySet()) {
      try (Closeable s = open(e.getValue(), 0)) {
        ports.put(e.getKey(), port(s));
      }
    }
    List<String> sets = new ArrayList<>(List.of("traps.port=9", "state.dir=" + dir.resolve("state")));
    ports.forEach((k, p) -> sets.add(k + "=" + p));
    AgentConfig config = AgentSections.load(null, sets);
    product = Product.of(config);

    StartRefused refused;
    try (Closeable held = open(protocol, ports.get(key))) {
      refused = catchThrowableOfType(StartRefused.class, product::start);
    }

    assertThat(refused).as("start refused").isNotNull();
    assertThat(refused.key()).isEqualTo(key);
    assertThat(refused.getMessage()).isEqualTo(key + " " + ports.get(key) + ": address already in use (" + protocol
        + " 127.0.0.1)");
    assertThat(product.status().values()).as(product.status().toString()).doesNotContain("running", "starting");
    // The components started before the refused one let their ports go.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (Map.Entry<String, Integer> e : ports.entrySet()) {
        try (Closeable again = open(protocols.get(e.getKey()), e.getValue())) {
          assertThat(port(again)).as(e.getKey()).isEqualTo(e.getValue());
        }
      }
    });
    List<String> loud = log.list.stream()
        .filter(ev -> ev.getLevel().isGreaterOrEqual(Level.ERROR) || ev.getThrowableProxy() != null
            || ev.getFormattedMessage().contains("RejectedExecutionException"))
        .map(ev -> ev.getLevel() + " " + ev.getLoggerName() + " " + ev.getFormattedMessage()
            + (ev.getThrowableProxy() == null ? "" : " " + ev.getThrowableProxy().getClassName()))
        .toList();
    assertThat(loud).as("errors and stack traces logged").isEmpty();
  }

  private static Closeable open(String protocol, int port) throws IOException {
    InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    if (protocol.equals("udp")) {
      return new DatagramSocket(at);
    }
    ServerSocket s = new ServerSocket();
    s.bind(at);
    return s;
  }

  private static int port(Closeable socket) {
    return socket instanceof DatagramSocket d ? d.getLocalPort() : ((ServerSocket) socket).getLocalPort();
  }
}
