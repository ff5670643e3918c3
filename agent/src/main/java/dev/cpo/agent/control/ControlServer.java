package dev.cpo.agent.control;

import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.lifecycle.StartRefused;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control server: binds {@link ControlConfig#bind()}:{@link ControlConfig#port()} (0 picks a free
 * port; {@link #port()} tells which) and serves the {@link ControlService} API over HTTP/JSON under
 * {@code /api/v1/}, and whatever other packages register in {@link #routes()}: static files
 * ({@link StaticFiles}), text in any content type ({@link Response#text}), server-sent event streams
 * ({@link EventStream}). Every request passes the {@link RequestGuard} first (Host, Origin, token,
 * JSON content type). A non-loopback bind without a token is refused by {@link ControlConfig} itself,
 * so it cannot reach this server.
 */
public final class ControlServer implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

  private final ControlConfig config;
  private final ControlRouter router;
  private EventLoopGroup group;
  private Channel channel;

  public ControlServer(ControlConfig config, ControlService service) {
    this.config = Objects.requireNonNull(config, "config");
    this.router = new ControlRouter(Objects.requireNonNull(service, "service"), new Routes());
  }

  /**
   * The route table: the API's routes, and any a package adds (before or after {@link #start()}), e.g.
   * {@code server.routes().get("/metrics", handler)}. See {@link Routes}.
   */
  public Routes routes() {
    return router.routes();
  }

  @Override
  public String name() {
    return "control-api";
  }

  @Override
  public synchronized void start() throws Exception {
    // One thread accepts and serves: requests are short, in-memory calls.
    group = new NioEventLoopGroup(1, new DefaultThreadFactory("control-api", true));
    try {
      channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ControlServerInitializer(router, config))
          .bind(config.bind(), config.port())
          .sync()
          .channel();
    } catch (Exception e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      group = null;
      if (e instanceof java.net.BindException || StartRefused.isBindFailure(e)) {
        throw StartRefused.bind("control.port", "control.bind", "tcp", config.bind(), config.port(), e);
      }
      throw e;
    }
    LOG.info("control API listening on {}", url());
  }

  /** The port actually bound; valid after {@link #start()}. */
  public synchronized int port() {
    if (channel == null) {
      throw new IllegalStateException("control API not started");
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8161}; valid after {@link #start()}. */
  public String url() {
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    return "http://" + host + ":" + port();
  }

  @Override
  public synchronized void stop() {
    if (channel != null) {
      channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
      channel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
      group = null;
    }
  }
}
