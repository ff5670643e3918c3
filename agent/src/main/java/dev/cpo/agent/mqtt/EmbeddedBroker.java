package dev.cpo.agent.mqtt;

import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.lifecycle.PortProbe;
import dev.cpo.agent.lifecycle.StartRefused;
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
 * confined to this host. Anyone there may subscribe and send commands; only the agent, with its
 * {@link AgentCredentials} (random per run unless configured), publishes under {@code cpo/v1/} and uses
 * its client ids ({@link BrokerPolicy}, {@link ClientIdGuard}). Its defaults are overridden where they would surprise an operator: it would
 * bind 0.0.0.0, write an H2 store under {@code ./data}, cap messages at 8 KB and report usage to its
 * maker; here it keeps everything in memory (the agent republishes birth, state and alarms on every
 * connect, so nothing needs to survive a restart), accepts {@code maxMessageBytes} and sends nothing.
 *
 * <p>Retained burst to QoS 0 subscribers: Moquette writes a QoS 0 message only if the subscriber's
 * Netty channel is writable and silently drops it otherwise. It writes from its session threads, not
 * the channel's I/O thread, and Netty by default counts such a write against the channel's write
 * buffer (high water mark 64 KiB) the moment it is queued, before the I/O thread has had any chance to
 * hand it to the socket. A subscription to {@code cpo/v1/#} gets ~1,000 retained messages (~250 KB) in
 * one loop, so the channel turned unwritable within the first ~64 KB and a random part of the birth
 * (status included) was lost even for a consumer reading as fast as it could. Moquette has no setting
 * for the water mark nor a hook into its channel pipeline, so this class switches off Netty's
 * {@value #ESTIMATE_ON_SUBMIT} (a documented Netty system property): writability then counts only the
 * bytes the socket has not taken, and a QoS 0 burst is dropped only once the kernel's socket buffers
 * and the 64 KiB are all full, i.e. when the consumer really stopped reading. The property is
 * JVM-wide (the control API's Netty is unaffected in practice: its responses are written from its own
 * I/O threads) and is read once, when Netty first writes; it is set when this class initialises, which
 * {@code Product} does before any Netty channel exists. An explicit {@code -D} setting is respected.
 */
public final class EmbeddedBroker implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  /** Netty's switch for counting a write queued from outside the I/O thread against writability. */
  /** Publishes a session loop holds before Moquette drops QoS 0 ones (its default is 1,024). */
  static final int SESSION_QUEUE = 32_768;
  static final String ESTIMATE_ON_SUBMIT = "io.netty.transport.estimateSizeOnSubmit";

  static {
    if (System.getProperty(ESTIMATE_ON_SUBMIT) == null) {
      System.setProperty(ESTIMATE_ON_SUBMIT, "false");
    }
  }

  /** Moquette's switch for Netty's native (epoll/kqueue) transport. */
  static final String NETTY_NATIVE = "netty.native";

  /** The only address the embedded broker listens on. */
  public static final String HOST = "127.0.0.1";

  private final MqttConfig.Embedded config;
  private final BrokerPolicy policy;
  private final ClientIdGuard guard;
  private Server server;
  private volatile int port;

  /** A broker whose agent credentials are random for this run. */
  public EmbeddedBroker(MqttConfig.Embedded config) {
    this(config, AgentCredentials.random());
  }

  /** @param agent the only credentials that may publish the agent's topics and use its client ids */
  public EmbeddedBroker(MqttConfig.Embedded config, AgentCredentials agent) {
    this.config = config;
    this.policy = new BrokerPolicy(agent);
    this.guard = new ClientIdGuard(policy);
  }

  /** What the agent presents when it connects here. */
  public AgentCredentials agentCredentials() {
    return policy.agent();
  }

  /** Refuses {@code clientId} to any client without the agent's credentials (a takeover would kick the agent off). */
  public void reserveClientId(String clientId) {
    policy.reserve(clientId);
  }

  /** CONNECTs refused for a reserved client id or a will on an agent-only topic. */
  public long refusedConnects() {
    return guard.refused();
  }

  /** Publishes refused because only the agent publishes on their topic. */
  public long refusedPublishes() {
    return policy.refusedPublishes();
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
    // Moquette queues each publish on one of its session loops (one per core), 1,024 deep by default, and
    // drops a QoS 0 publish when the queue is full ("Session command queue N is full"). Each switch's
    // 10 s telemetry burst is about 970 messages at once, so a fleet of 8 overflowed it: bench --broker
    // lost 398 of 10,000 at 1,000 msg/s. 32,768 holds the bursts of a fleet of 32 per loop, 256 KB of
    // references per loop when full.
    p.setProperty(IConfig.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE));
    // The NIO transport, where GuardInstaller finds the listener (the native one would be picked on Linux).
    p.setProperty(NETTY_NATIVE, "false");
    return p;
  }

  @Override
  public void start() throws IOException, StartRefused {
    // Moquette records the bound port from a Netty listener that may run after startServer returns,
    // so with port 0 the port is picked here (a free one on loopback) and handed to it.
    int bindPort = config.port() != 0 ? config.port() : freeLoopbackPort();
    // Moquette logs a bind failure with its stack trace before it throws: find a port in use first.
    PortProbe.bind("mqtt.embedded.port", null, "tcp", InetAddress.getByName(HOST), HOST, bindPort);
    Server s = new Server();
    try {
      s.startServer(new MemoryConfig(properties(bindPort)), java.util.List.of(), null, policy, policy);
    } catch (RuntimeException e) {
      // Moquette has started its session loops before its acceptor failed: stop them, or their threads
      // outlive the failed start (and report RejectedExecutionException as the product shuts down).
      try {
        s.stopServer();
      } catch (RuntimeException stopping) {
        e.addSuppressed(stopping);
      }
      if (StartRefused.isBindFailure(e)) {
        throw StartRefused.bind("mqtt.embedded.port", null, "tcp", HOST, config.port(), e);
      }
      throw e;
    }
    try {
      GuardInstaller.install(s, bindPort, guard);
    } catch (IOException e) {
      s.stopServer();
      throw e;
    }
    notifyInline(s);
    server = s;
    port = bindPort;
    LOG.info("embedded MQTT broker listening on {}:{} (loopback only, in memory; anyone here may subscribe and "
        + "send commands, only the agent as {} publishes under cpo/v1/)", HOST, port, policy.agent().username());
  }

  /**
   * Moquette hands every notification to its interceptor's thread pool, every PUBLISH included, even when
   * no interceptor is registered (the product registers none): a thread hand-over per message for a task
   * that finds no handler and releases the message's buffer. Here they run on the calling Moquette thread
   * (its session loop), and the pool's thread ends. Moquette keeps the pool in a private field; if a later
   * version renames it, the hand-over stays (and {@link #inlineNotifications} says so).
   */
  private void notifyInline(Server s) {
    try {
      Object interceptor = field(s, "interceptor");
      java.lang.reflect.Field f = interceptor.getClass().getDeclaredField("executor");
      f.setAccessible(true);
      java.util.concurrent.ExecutorService pool = (java.util.concurrent.ExecutorService) f.get(interceptor);
      f.set(interceptor, new InlineExecutor());
      pool.shutdown();
      inlineNotifications = true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("embedded broker: interceptor notifications stay on Moquette's pool ({})", e.toString());
    }
  }

  private volatile boolean inlineNotifications;

  /** Whether Moquette's interceptor notifications run on its own threads instead of a pool of theirs. */
  boolean inlineNotifications() {
    return inlineNotifications;
  }

  /** Runs each task on the caller's thread; a task that throws is logged, as the pool's thread would have. */
  static final class InlineExecutor extends java.util.concurrent.AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
      if (shutdown) {
        throw new java.util.concurrent.RejectedExecutionException("the embedded broker has stopped");
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("embedded broker: an interceptor notification failed", e);
      }
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public java.util.List<Runnable> shutdownNow() {
      shutdown = true;
      return java.util.List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
      return shutdown;
    }
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
      Server s = server;
      server = null;
      port = 0;
      quietPeriodZero(s);
      s.stopServer();
    }
  }

  /**
   * Moquette shuts its Netty event loops down with Netty's default 2 s quiet period and waits for it;
   * an in-memory broker being stopped has nothing to wait for, and SIGTERM must stop the agent in under
   * a second. Starting the shutdown first with no quiet period makes Moquette's own call a no-op
   * (Netty keeps the first shutdown's timing). Moquette keeps the groups in private fields of its
   * acceptor; if a later version renames them, the stop is only slower.
   */
  private static void quietPeriodZero(Server s) {
    try {
      Object acceptor = field(s, "acceptor");
      for (String group : new String[] {"workerGroup", "bossGroup"}) {
        if (field(acceptor, group) instanceof io.netty.channel.EventLoopGroup g) {
          g.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("embedded broker: stopping with Moquette's own timing ({})", e.toString());
    }
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    if (o == null) {
      return null;
    }
    java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }
}
