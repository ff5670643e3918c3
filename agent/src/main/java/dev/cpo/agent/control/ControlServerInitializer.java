package dev.cpo.agent.control;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one control API connection: an idle timeout, the HTTP codec with bounded request
 * line and headers, a bounded aggregator, the handler.
 */
public final class ControlServerInitializer extends ChannelInitializer<SocketChannel> {

  /** Largest request body accepted; a fault or settings request is a few hundred bytes. */
  public static final int MAX_CONTENT_BYTES = 64 * 1024;
  /** Longest request line (method, URL, version); a longer one gets 414. */
  public static final int MAX_INITIAL_LINE_BYTES = 8 * 1024;
  /** Largest header block; a larger one gets 431. */
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  private final ControlRouter router;
  private final RequestGuard guard;
  private final int idleSeconds;

  ControlServerInitializer(ControlRouter router, ControlConfig config) {
    this.router = router;
    this.guard = new RequestGuard(config);
    this.idleSeconds = config.idleTimeoutSeconds();
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    // Neither reading nor writing for this long: the handler closes the connection. An event stream's
    // keep-alive comments count as writing.
    p.addLast(new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
    p.addLast(new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, 8192));
    // Larger bodies get 413 from the aggregator and the connection closes.
    p.addLast(new HttpObjectAggregator(MAX_CONTENT_BYTES));
    p.addLast(new ControlServerHandler(router, guard));
  }
}
