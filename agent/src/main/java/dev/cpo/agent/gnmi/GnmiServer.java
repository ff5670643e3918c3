package dev.cpo.agent.gnmi;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.lifecycle.Component;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gNMI target as a product component: grpc-java on Netty (the project's one Netty), on
 * {@code gnmi.bind:gnmi.port}, plaintext on loopback by default and TLS when configured (required off
 * loopback). Reads come from the agent's snapshot and event bus only.
 */
public final class GnmiServer implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(GnmiServer.class);
  private static final String DEFAULT_READ_ONLY_PASSWORD = "noc-gnmi-pass";
  private static final String DEFAULT_READ_WRITE_PASSWORD = "ops-gnmi-pass";

  private final GnmiConfig config;
  private final AgentView agent;
  private final long pollIntervalMillis;
  private final Clock clock;
  private final GnmiStats stats = new GnmiStats();
  private Hub hub;
  private Server server;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private ExecutorService calls;
  private volatile int port = -1;

  /**
   * @param pollIntervalMillis the agent's fast poll interval: the default sample interval, and how often
   *     new snapshots are looked for
   * @param clock the HAL clock (Set response time stamps)
   */
  public GnmiServer(GnmiConfig config, AgentView agent, long pollIntervalMillis, Clock clock) {
    this.config = config;
    this.agent = agent;
    this.pollIntervalMillis = pollIntervalMillis;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "gnmi";
  }

  @Override
  public void start() throws IOException {
    OcTree tree = new OcTree(agent.inventory(), agent.thresholds());
    boss = new NioEventLoopGroup(1, new DefaultThreadFactory("gnmi-boss", true));
    workers = new NioEventLoopGroup(1, new DefaultThreadFactory("gnmi-io", true));
    // The one I/O thread is also the sessions' stream thread (Hub): an ON_CHANGE update or a sample is
    // built and written by the same thread, with no hand-over to another before the socket write.
    hub = new Hub(tree, agent, config, stats, pollIntervalMillis, workers.next());
    GnmiService service = new GnmiService(hub, new ThresholdSetter(tree, agent.thresholds(), clock), stats);
    calls = Executors.newFixedThreadPool(2, new DefaultThreadFactory("gnmi-call", true));
    NettyServerBuilder b = NettyServerBuilder
        .forAddress(new InetSocketAddress(InetAddress.getByName(config.bind()), config.port()))
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers)
        .channelType(NioServerSocketChannel.class)
        .executor(calls)
        .maxInboundMessageSize(4 << 20)
        .addService(ServerInterceptors.intercept(service.definition(), new GnmiAuth(config, stats)));
    if (config.tls().enabled()) {
      try {
        b.sslContext(GrpcSslContexts.forServer(new File(config.tls().certFile()), new File(config.tls().keyFile()))
            .build());
      } catch (SSLException | IllegalArgumentException e) {
        stop();
        throw new IOException("gnmi.tls: cannot use certFile " + config.tls().certFile() + " / keyFile "
            + config.tls().keyFile() + ": " + e.getMessage(), e);
      }
    }
    try {
      server = b.build().start();
    } catch (IOException e) {
      stop();
      throw new IOException("gnmi: cannot listen on " + config.bind() + ":" + config.port()
          + " (gnmi.bind, gnmi.port): " + rootMessage(e), e);
    }
    port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    hub.start();
    LOG.info("gNMI target on {}:{} ({}, {} leaves, credentials {})", config.bind(), port,
        config.tls().enabled() ? "TLS" : "plaintext", tree.leaves().size(),
        config.credentialsRequired() ? "required" : "required for Set only");
    if (!config.loopback() && (config.readOnly().password().equals(DEFAULT_READ_ONLY_PASSWORD)
        || config.readWrite().password().equals(DEFAULT_READ_WRITE_PASSWORD))) {
      LOG.warn("gNMI on {} uses the lab default passwords: set gnmi.readOnly.password and gnmi.readWrite.password",
          config.bind());
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void stop() {
    if (hub != null) {
      hub.close();
    }
    if (server != null) {
      server.shutdown();
      try {
        if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
          server.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.shutdownNow();
      }
    }
    if (calls != null) {
      calls.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /** The port listened on once started (the real one when {@code gnmi.port} is 0), else -1. */
  public int port() {
    return port;
  }

  public GnmiConfig config() {
    return config;
  }

  public GnmiStats stats() {
    return stats;
  }
}
