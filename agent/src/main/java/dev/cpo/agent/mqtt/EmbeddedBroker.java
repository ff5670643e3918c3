package dev.cpo.agent.mqtt;

import dev.cpo.agent.lifecycle.Component;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default broker ({@code mqtt.url: embedded}): Moquette on 127.0.0.1 only, so anonymous access is
 * confined to this host. Its defaults are overridden where they would surprise an operator: it would
 * bind 0.0.0.0, write an H2 store under {@code ./data}, cap messages at 8 KB and report usage to its
 * maker; here it keeps everything in memory (the agent republishes birth, state and alarms on every
 * connect, so nothing needs to survive a restart), accepts {@code maxMessageBytes} and sends nothing.
 */
public final class EmbeddedBroker implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** The only address the embedded broker listens on. */
  public static final String HOST = "127.0.0.1";

  private final MqttConfig.Embedded config;
  private Server server;
  private volatile int port;

  public EmbeddedBroker(MqttConfig.Embedded config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "mqtt-broker";
  }

  /** Moquette's settings, each one chosen on purpose. */
  Properties properties(int bindPort) {
    Properties p = new Properties();
    p.setProperty(IConfig.HOST_PROPERTY_NAME, HOST);
    p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(bindPort));
    p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(config.maxMessageBytes()));
    // Flush each message at once: alarms must not wait for a batching timer.
    p.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "0");
    p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
    return p;
  }

  @Override
  public void start() throws IOException {
    // Moquette records the bound port from a Netty listener that may run after startServer returns,
    // so with port 0 the port is picked here (a free one on loopback) and handed to it.
    int bindPort = config.port() != 0 ? config.port() : freeLoopbackPort();
    Server s = new Server();
    s.startServer(new MemoryConfig(properties(bindPort)));
    server = s;
    port = bindPort;
    LOG.info("embedded MQTT broker listening on {}:{} (anonymous, loopback only, in memory)", HOST, port);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  /** The bound port (the real one when configured as 0); 0 before {@link #start()}. */
  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:<port>}. */
  public String url() {
    if (port == 0) {
      throw new IllegalStateException("the embedded broker has not started");
    }
    return "tcp://" + HOST + ":" + port;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stopServer();
      server = null;
      port = 0;
    }
  }
}
