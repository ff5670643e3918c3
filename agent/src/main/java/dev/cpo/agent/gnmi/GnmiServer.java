package dev.cpo.agent.gnmi;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.lifecycle.StartRefused;
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
import io.grpc.Status;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 *
 * <p>In a fleet one server serves every switch, each a target named by its switch id ({@link #serve}):
 * a request picks one with its prefix's {@code target} (gNMI 2.2.2.1), an empty target means the
 * first switch, and an unknown one is NOT_FOUND naming it. A switch's tree and stream thread are built
 * when a request first names it.
 */
public final class GnmiServer implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(GnmiServer.class);
  private static final String DEFAULT_READ_ONLY_PASSWORD = "noc-gnmi-pass";
  private static final String DEFAULT_READ_WRITE_PASSWORD = "ops-gnmi-pass";

  private final GnmiConfig config;
  private final String name;
  private final GnmiStats stats = new GnmiStats();
  private final Map<String, Target> targets = new ConcurrentHashMap<>();
  private final List<String> names = new CopyOnWriteArrayList<>();
  private Server server;
  private EventLoopGroup boss;
  private volatile EventLoopGroup workers;
  private ExecutorService calls;
  private volatile int port = -1;

  /**
   * @param name the switch id: the target name of {@code agent} (an empty target means it too)
   * @param pollIntervalMillis the agent's fast poll interval: the default sample interval, and how often
   *     new snapshots are looked for
   * @param clock the HAL clock (Set response time stamps)
   */
  public GnmiServer(GnmiConfig config, String name, AgentView agent, long pollIntervalMillis, Clock clock) {
    this.config = config;
    this.name = name;
    serve(name, agent, pollIntervalMillis, clock);
  }

  /**
   * Serves another switch of a fleet as the target {@code target}, before or after the start.
   *
   * @throws IllegalArgumentException when a switch is served under that name already
   */
  public void serve(String target, AgentView agent, long pollIntervalMillis, Clock clock) {
    if (targets.putIfAbsent(target, new Target(target, agent, pollIntervalMillis, clock)) != null) {
      throw new IllegalArgumentException("gNMI target '" + target + "' is served already");
    }
    names.add(target);
  }

  /** The target names served, the first switch's first. */
  public List<String> targets() {
    return List.copyOf(names);
  }

  /** The switch a request's prefix target names: empty means the first; unknown is NOT_FOUND naming it. */
  Target target(String target) {
    Target t = targets.get(target.isEmpty() ? name : target);
    if (t == null) {
      throw Status.NOT_FOUND.withDescription("no target '" + target + "' on this gNMI server; it serves "
          + (names.size() <= 8 ? String.join(", ", names) : names.get(0) + " to " + names.get(names.size() - 1)
              + " (" + names.size() + " switches)") + ", and an empty target means " + name).asRuntimeException();
    }
    return t;
  }

  /** One switch served: its tree, stream hub and Set, built on first use and dropped at stop. */
  final class Target {
    private final String targetName;
    private final AgentView agent;
    private final long pollIntervalMillis;
    private final Clock clock;
    private Hub hub;
    private ThresholdSetter setter;

    private Target(String targetName, AgentView agent, long pollIntervalMillis, Clock clock) {
      this.targetName = targetName;
      this.agent = agent;
      this.pollIntervalMillis = pollIntervalMillis;
      this.clock = clock;
    }

    synchronized Hub hub() {
      if (hub == null) {
        if (workers == null) {
          throw new IllegalStateException("gNMI target '" + targetName + "' asked for before the server started");
        }
        OcTree tree = new OcTree(agent.inventory(), agent.thresholds());
        // The one I/O thread is also every switch's stream thread (Hub): an ON_CHANGE update or a
        // sample is built and written by the same thread, with no hand-over before the socket write.
        hub = new Hub(tree, agent, config, stats, pollIntervalMillis, workers.next());
        setter = new ThresholdSetter(tree, agent.thresholds(), clock);
        hub.start();
        LOG.info("gNMI target '{}': {} leaves", targetName, tree.leaves().size());
      }
      return hub;
    }

    synchronized ThresholdSetter setter() {
      hub();
      return setter;
    }

    private synchronized void close() {
      if (hub != null) {
        hub.close();
        hub = null;
        setter = null;
      }
    }
  }

  @Override
  public String name() {
    return "gnmi";
  }

  @Override
  public void start() throws IOException, StartRefused {
    boss = new NioEventLoopGroup(1, new DefaultThreadFactory("gnmi-boss", true));
    workers = new NioEventLoopGroup(1, new DefaultThreadFactory("gnmi-io", true));
    // The first switch's tree is built now; a fleet's others when first asked for.
    targets.get(name).hub();
    GnmiService service = new GnmiService(this::target, stats);
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
        throw new StartRefused("gnmi.tls", "gnmi.tls: cannot use certFile " + config.tls().certFile() + " / keyFile "
            + config.tls().keyFile() + ": " + e.getMessage(), e);
      }
    }
    try {
      server = b.build().start();
    } catch (IOException e) {
      stop();
      throw StartRefused.bind("gnmi.port", "gnmi.bind", "tcp", config.bind(), config.port(), e);
    }
    port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    LOG.info("gNMI target on {}:{} ({}, {} target(s) from '{}', credentials {})", config.bind(), port,
        config.tls().enabled() ? "TLS" : "plaintext", names.size(), name,
        config.credentialsRequired() ? "required" : "required for Set only");
    if (!config.loopback() && (config.readOnly().password().equals(DEFAULT_READ_ONLY_PASSWORD)
        || config.readWrite().password().equals(DEFAULT_READ_WRITE_PASSWORD))) {
      LOG.warn("gNMI on {} uses the lab default passwords: set gnmi.readOnly.password and gnmi.readWrite.password",
          config.bind());
    }
  }

  @Override
  public void stop() {
    targets.values().forEach(Target::close);
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
